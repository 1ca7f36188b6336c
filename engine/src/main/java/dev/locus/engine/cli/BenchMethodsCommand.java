package dev.locus.engine.cli;

import dev.locus.engine.bench.Median;
import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.methods.HSpaceDirections;
import dev.locus.engine.methods.Loco;
import dev.locus.engine.methods.PowerMethod;
import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.methods.jacobian.MemoryBudget;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.models.RandomParameters;
import dev.locus.engine.models.unet2d.KnownConfigs;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Randomness;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-methods", mixinStandardHelpOptions = true,
        description = {"Costs of the direction methods on a model: J v by double backward against central differences,",
                "one batched k-vector power iteration against k single-vector ones, and LOCO / JIVE discovery time and peak RSS."})
final class BenchMethodsCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    BenchCommand.Source source;

    /** LOCO's fewest power iterations: the graph is built once for at least this many. */
    private static final int AMORTISED_OVER = 10;

    @Option(names = "--k", defaultValue = "5", description = "vectors per batched product (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--t", defaultValue = "0.6")
    double t;

    @Option(names = "--steps", defaultValue = "20", description = "DDIM steps over the whole range for the inversion")
    int steps;

    @Option(names = "--iterations", defaultValue = "3", description = "power iterations per discovery (fixed, for timing)")
    int iterations;

    @Option(names = "--jive-rank", defaultValue = "10", description = "r for the JIVE timing")
    int jiveRank;

    @Option(names = "--threads")
    Integer threads;

    @Option(names = "--memory-budget", paramLabel = "SIZE",
            description = "most memory one batched Jacobian product may add, e.g. 8g (default: half the memory available)")
    String memoryBudget;

    @Option(names = "--repeat", defaultValue = "1",
            description = "rounds of the batched-against-loop iteration comparison; the summary gives their median")
    int repeat;

    @Option(names = "--skip-discovery", description = "only the product and iteration timings")
    boolean skipDiscovery;

    @Option(names = "--skip-products", description = "only the discovery timings")
    boolean skipProducts;

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        ModelOptions.applyThreads(threads);
        ModelOptions.applyMemoryBudget(memoryBudget);
        UNet2DModel model;
        String fingerprint;
        String name;
        if (source.model != null) {
            UNet2DLoader.Loaded loaded = UNet2DLoader.load(source.model, ComputeDevice.auto());
            model = loaded.model();
            fingerprint = loaded.fingerprint();
            name = source.model.toAbsolutePath().normalize().getFileName().toString();
        } else {
            model = new UNet2DModel(KnownConfigs.get(source.config), new RandomParameters(0));
            fingerprint = "random:" + source.config;
            name = source.config;
        }
        long[] shape = model.sampleShape();
        SchedulerConfig schedule = SchedulerConfig.ddpmDefault();
        DiffusersDdimTrajectory trajectory = new DiffusersDdimTrajectory(schedule, steps, 0);
        Tensor image = Randomness.randn(Randomness.generator(1), 1, shape[0], shape[1], shape[2]).clamp(
                new org.bytedeco.pytorch.ScalarOptional(new Scalar(-1)), new org.bytedeco.pytorch.ScalarOptional(new Scalar(1)));
        Tensor mask = torch.zeros(1, 1, shape[1], shape[2]);
        mask.narrow(2, shape[1] / 4, shape[1] / 4).fill_(new Scalar(1.0));

        if (!skipProducts) {
            products(model, trajectory, image, mask, name);
        }
        if (!skipDiscovery) {
            long start = System.nanoTime();
            DirectionBasis loco = new Loco(model, trajectory, fingerprint).discover(image, mask,
                    new Loco.Options(t, k, k, true, iterations, iterations, 0, k, 0), StepListener.NONE);
            System.out.printf("java discover method=LOCO model=%s k=%d null_rank=%d iterations=%d steps=%d seconds=%.1f "
                            + "peak_rss_mb=%.0f%n", name, loco.size(), k, iterations, steps, (System.nanoTime() - start) / 1e9,
                    ProcessMemory.peakResidentBytes() / 1e6);
            start = System.nanoTime();
            Tensor rest = mask.neg().add(new Scalar(1.0));
            DirectionBasis jive = new HSpaceDirections(model, trajectory, fingerprint).discover(image,
                    List.of(new HSpaceDirections.Region("band", mask), new HSpaceDirections.Region("rest", rest)),
                    new HSpaceDirections.Options(t, jiveRank, Math.min(6, jiveRank), Math.min(3, jiveRank), true,
                            iterations, iterations, 0, 100, jiveRank, 0), StepListener.NONE);
            System.out.printf("java discover method=JIVE model=%s rank=%d regions=2 iterations=%d steps=%d seconds=%.1f "
                            + "peak_rss_mb=%.0f directions=%d%n", name, jiveRank, iterations, steps,
                    (System.nanoTime() - start) / 1e9, ProcessMemory.peakResidentBytes() / 1e6, jive.size());
        }
        return 0;
    }

    /**
     * J v by double backward against central differences; then, {@code repeat} times, one batched k-vector power
     * iteration (J v then u^T J) through a freshly kept graph against k single-vector ones as a per-vector loop
     * runs them (every product its own forward pass, as the reference code does); then once through a kept one-row
     * graph (batching alone). Rounds alternate the two sides on one machine, so their ratios are side by side and
     * the median of several rounds is less at the mercy of one disturbed pass than a single ratio.
     */
    private void products(UNet2DModel model, DiffusersDdimTrajectory trajectory, Tensor image, Tensor mask, String name) {
        int threadCount = torch.get_num_threads();
        PosteriorMean f = new PosteriorMean(model, trajectory.noiseSchedule());
        long level = (long) trajectory.levelNearest(t);
        DifferentiableMap masked = batch -> f.apply(batch, longs(batch.size(0), level)).mul(mask);
        Tensor v = Randomness.randn(Randomness.generator(2), k, image.numel());
        int rows;
        try (JacobianProducts jacobian = new JacobianProducts(masked, image, k)) {
            double build = time(() -> jacobian.jvp(v)); // the graph, measured on one vector first under the budget
            double doubleBackward = time(() -> jacobian.jvp(v));
            Tensor exact = jacobian.jvp(v);
            double[] fd = new double[1];
            double centralMs = time(() -> fd[0] = centralDifferenceError(f, image, mask, v, level, exact));
            rows = jacobian.chunkSize();
            System.out.printf("java jvp model=%s k=%d threads=%d first_jvp_with_graph_ms=%.0f double_backward_ms=%.0f "
                    + "central_difference_ms=%.0f relative_difference=%.2e memory_budget=\"%s\" rows=%d%n", name, k,
                    threadCount, build, doubleBackward, centralMs, fd[0], MemoryBudget.processDefault(), rows);
            System.out.flush();
        }
        double[] ratios = new double[repeat];
        double[] amortisedRatios = new double[repeat];
        double[] batched = new double[repeat];
        for (int round = 0; round < repeat; round++) {
            IterationRound r = iterationRound(masked, image, v);
            batched[round] = r.batchedMs();
            ratios[round] = r.batchedMs() / r.perVectorLoopMs();
            amortisedRatios[round] = r.amortisedMs() / r.perVectorLoopMs();
            System.out.printf("java power-iteration model=%s k=%d threads=%d round=%d/%d batched_ms=%.0f graph_build_ms=%.0f "
                            + "batched_with_build_over_%d_iterations_ms=%.0f per_vector_loop_ms=%.0f "
                            + "batched_over_per_vector_loop=%.3f amortised_over_per_vector_loop=%.3f rows=%d peak_rss_mb=%.0f%n",
                    name, k, threadCount, round + 1, repeat, r.batchedMs(), r.buildMs(), AMORTISED_OVER, r.amortisedMs(),
                    r.perVectorLoopMs(), ratios[round], amortisedRatios[round], rows,
                    ProcessMemory.peakResidentBytes() / 1e6);
            System.out.flush();
        }
        double keptSingle;
        try (JacobianProducts oneRow = new JacobianProducts(masked, image, 1)) {
            oneRow.jvp(v.narrow(0, 0, 1));
            keptSingle = time(() -> {
                for (int i = 0; i < k; i++) {
                    oneRow.vjp(oneRow.jvp(v.narrow(0, i, 1)));
                }
            });
        }
        System.out.printf("java power-iteration-summary model=%s k=%d threads=%d rounds=%d "
                        + "batched_over_per_vector_loop_median=%.3f min=%.3f max=%.3f amortised_over_per_vector_loop_median=%.3f "
                        + "kept_single_vector_ms=%.0f median_batched_over_kept_single=%.2f rows=%d peak_rss_mb=%.0f%n",
                name, k, threadCount, repeat, Median.of(ratios), Arrays.stream(ratios).min().orElseThrow(),
                Arrays.stream(ratios).max().orElseThrow(), Median.of(amortisedRatios), keptSingle,
                Median.of(batched) / keptSingle, rows, ProcessMemory.peakResidentBytes() / 1e6);
        System.out.flush();
    }

    /** One round's figures, in milliseconds. */
    private record IterationRound(double buildMs, double batchedMs, double perVectorLoopMs) {

        /** The batched iteration with the graph's build spread over the fewest iterations LOCO runs. */
        double amortisedMs() {
            return batchedMs + buildMs / AMORTISED_OVER;
        }
    }

    /**
     * A batched iteration through a graph built for it (its build timed apart, as the first J v), then the
     * per-vector loop. The batched graph is closed before the loop runs: one graph alive at a time, as in a
     * discovery. The loop's products are made before the clock starts, since each constructor runs a no-grad pass
     * for the output shape that a per-vector loop would not repeat; their graphs are built by the timed products.
     */
    private IterationRound iterationRound(DifferentiableMap masked, Tensor image, Tensor v) {
        double build;
        double batched;
        try (JacobianProducts jacobian = new JacobianProducts(masked, image, k)) {
            build = time(() -> jacobian.jvp(v));
            batched = time(() -> jacobian.vjp(jacobian.jvp(v)));
        }
        JacobianProducts[] fresh = new JacobianProducts[2 * k];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = new JacobianProducts(masked, image, 1);
        }
        double perVectorLoop = time(() -> {
            for (int i = 0; i < k; i++) {
                Tensor u = fresh[2 * i].jvp(v.narrow(0, i, 1));
                fresh[2 * i].close();
                fresh[2 * i + 1].vjp(u);
                fresh[2 * i + 1].close();
            }
        });
        return new IterationRound(build, batched, perVectorLoop);
    }

    private static double centralDifferenceError(PosteriorMean f, Tensor image, Tensor mask, Tensor v, long level, Tensor exact) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            long k = v.size(0);
            double h = 1e-2;
            long[] batchShape = {k, image.size(1), image.size(2), image.size(3)};
            Tensor shift = v.reshape(batchShape).mul(new Scalar(h));
            Tensor base = image.expand(batchShape);
            Tensor plus = f.apply(base.add(shift), longs(k, level)).mul(mask);
            Tensor minus = f.apply(base.sub(shift), longs(k, level)).mul(mask);
            Tensor approx = plus.sub(minus).div(new Scalar(2 * h)).reshape(k, -1);
            return approx.sub(exact).norm().item_double() / exact.norm().item_double();
        }
    }

    private static Tensor longs(long n, long value) {
        return torch.full(new long[] {n}, new Scalar(value), new TensorOptions(torch.ScalarType.Long));
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
