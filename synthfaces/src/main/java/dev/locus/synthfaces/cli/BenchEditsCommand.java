package dev.locus.synthfaces.cli;

import dev.locus.engine.api.JivePreset;
import dev.locus.engine.api.LocoPreset;
import dev.locus.engine.api.Method;
import dev.locus.engine.api.Schedule;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Threads;
import dev.locus.synthfaces.Region;
import dev.locus.synthfaces.bench.BenchReport;
import dev.locus.synthfaces.bench.EditBench;
import dev.locus.synthfaces.bench.MethodRunner;
import dev.locus.synthfaces.bench.ProbeJudge;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.ProbeFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench-edits", mixinStandardHelpOptions = true,
        description = {"Edit-quality and speed benchmark of LOCO, LOCO without null-space projection, LOCO on d eps / d x_t, "
                + "JIVE and the Haas et al. h-space baseline on a synthfaces model, judged with the ground-truth region "
                + "masks and the factor probe. Writes edits.csv, directions.csv, summary.csv, report.md and figures into --out.",
                "Fixed seeds: the same options give the same faces, directions and edits."})
public final class BenchEditsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "diffusers UNet2D model folder.")
    Path model;

    @Option(names = "--probe", defaultValue = ProbeCommand.DEFAULT_WEIGHTS, paramLabel = "FILE",
            description = "Probe weights (${DEFAULT-VALUE}).")
    Path probe;

    @Option(names = "--sources", defaultValue = "20", paramLabel = "N", description = "Source faces per region (${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--transfers", defaultValue = "5", paramLabel = "M", description = "Transfer faces per direction (${DEFAULT-VALUE}).")
    int transfers;

    @Option(names = "--regions", defaultValue = "eyes,mouth,hair,eyebrows", split = ",", paramLabel = "R,...",
            description = "Regions (${DEFAULT-VALUE}).")
    List<String> regions;

    @Option(names = "--methods", defaultValue = "loco,loco-no-null,loco-eps,jive,haas", split = ",", paramLabel = "M,...",
            description = "Methods (${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--steps", paramLabel = "S",
            description = "DDIM steps over the whole schedule; inversion and sampling run those below t_edit (${DEFAULT-VALUE}).")
    int steps = Schedule.DEFAULT_STEPS;

    @Option(names = "--t-edit", paramLabel = "T",
            description = "Edit timestep as a fraction of the training range, both spaces (LOCO CelebA-HQ and JIVE: ${DEFAULT-VALUE}).")
    double timestep = LocoPreset.REFERENCE.tEdit();

    @Option(names = "--loco-rank", description = "LOCO directions per region, k (reference 1-5; ${DEFAULT-VALUE}).")
    int locoRank = LocoPreset.REFERENCE.rank();

    @Option(names = "--null-rank", defaultValue = "8", description = "LOCO null-space rank r' (reference 5-10; ${DEFAULT-VALUE}).")
    int nullRank;

    @Option(names = "--h-rank", description = "h-space singular vectors per region, r (paper: ${DEFAULT-VALUE}).")
    int hRank = JivePreset.PAPER.jacobianRank();

    @Option(names = "--joint-rank", description = "JIVE joint rank r_C (paper: ${DEFAULT-VALUE}).")
    int jointRank = JivePreset.PAPER.jointRank();

    @Option(names = "--individual-rank", description = "JIVE individual rank r_A (paper: ${DEFAULT-VALUE}).")
    int individualRank = JivePreset.PAPER.individualRank();

    @Option(names = "--min-iterations", description = "Power-method iterations, at least (LOCO reference: ${DEFAULT-VALUE}).")
    int minIterations = LocoPreset.REFERENCE.minIterations();

    @Option(names = "--max-iterations", description = "Power-method iterations, at most (${DEFAULT-VALUE}).")
    int maxIterations = LocoPreset.REFERENCE.maxIterations();

    @Option(names = "--h-iterations", defaultValue = "0", paramLabel = "N",
            description = "h-space power iterations, fixed (JIVE paper: at least 5); 0: --min/--max-iterations (${DEFAULT-VALUE}).")
    int hIterations;

    @Option(names = "--lambda", defaultValue = "8", paramLabel = "L",
            description = "x_t strength, applied to unit-norm directions (LOCO reference scripts, CelebA-HQ: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--alpha", defaultValue = "50", paramLabel = "A",
            description = "h-space strength (JIVE paper's comparisons: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--direction", defaultValue = "0", description = "Which direction of a region's set (${DEFAULT-VALUE}: the top one).")
    int direction;

    @Option(names = "--move", defaultValue = "0.15", description = "Probe judge: a factor moves above this change (${DEFAULT-VALUE}).")
    double move;

    @Option(names = "--stay", defaultValue = "0.10", description = "Probe judge: a factor stays at or below this change (${DEFAULT-VALUE}).")
    double stay;

    @Option(names = "--seed", defaultValue = "0", description = "Selects the faces and the power-method starts (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "docs/benchmarks", paramLabel = "DIR", description = "Output folder (${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", defaultValue = "1", description = "libtorch and OpenBLAS threads (${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--smoke", description = "1 source, 1 transfer face, the first region, at most 10 steps, 2 power "
            + "iterations, small ranks: plumbing, not numbers.")
    boolean smoke;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        List<Method> methodList = new ArrayList<>();
        List<Region> regionList = new ArrayList<>();
        try {
            methods.forEach(m -> methodList.add(Method.fromId(m.trim().toLowerCase(Locale.ROOT))));
            for (String r : regions) {
                Region region = Region.valueOf(r.trim().toUpperCase(Locale.ROOT));
                if (!MethodRunner.H_SPACE_PARTITION.contains(region)) {
                    throw new IllegalArgumentException("region " + r + " is not one of eyes, eyebrows, mouth, hair");
                }
                regionList.add(region);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (smoke) {
            sources = 1;
            transfers = 1;
            regionList = List.of(regionList.get(0));
            steps = Math.min(steps, 10);
            minIterations = 2;
            maxIterations = 2;
            hIterations = Math.min(hIterations, 2);
            locoRank = Math.min(locoRank, 2);
            nullRank = Math.min(nullRank, 2);
            hRank = Math.min(hRank, 6);
            jointRank = Math.min(jointRank, 4);
            individualRank = Math.min(individualRank, 2);
        }
        if (sources < 1 || transfers < 0 || steps < 2 || minIterations < 1 || maxIterations < minIterations
                || hIterations < 0) {
            throw new ParameterException(spec.commandLine(), "need --sources >= 1, --transfers >= 0, --steps >= 2, "
                    + "1 <= --min-iterations <= --max-iterations and --h-iterations >= 0");
        }
        Threads.use(threads);
        PrintWriter log = spec.commandLine().getOut();
        FactorProbe factorProbe = ProbeFile.load(probe);
        UNet2DLoader.Loaded loaded = UNet2DLoader.load(model, ComputeDevice.cpu());
        long[] shape = loaded.model().sampleShape();
        int size = FactorProbe.INPUT_SIZE;
        if (shape[0] != 3 || shape[1] != size || shape[2] != size) {
            throw new ParameterException(spec.commandLine(), model + " makes " + shape[0] + "x" + shape[1] + "x" + shape[2]
                    + " samples; the probe reads 3x" + size + "x" + size);
        }
        MethodRunner.Settings settings = new MethodRunner.Settings(steps, timestep, locoRank, nullRank, minIterations,
                maxIterations, hIterations, 1e-4, hRank, jointRank, individualRank, 1e-3, lambda, alpha, direction, seed);
        MethodRunner runner = new MethodRunner(loaded.model(), loaded.fingerprint(), loaded.scheduler(), settings);
        ProbeJudge judge = new ProbeJudge(new ProbeJudge.Thresholds(move, stay));
        EditBench.Plan plan = new EditBench.Plan(methodList, regionList, sources, transfers, seed);
        log.printf(Locale.ROOT, "model %s (%s); %d sources x %d transfers; regions %s; methods %s; %d DDIM steps; "
                        + "lambda %.3f, alpha %.3f; threads %d%n", model, loaded.fingerprint(), sources, transfers,
                regionList.stream().map(Region::id).toList(), methodList.stream().map(Method::id).toList(), steps,
                lambda, alpha, threads);
        log.flush();
        EditBench.Results results = new EditBench(runner, factorProbe, judge, size).run(plan, log);
        String header = header(loaded.fingerprint(), settings, plan, judge.thresholds());
        BenchReport.write(results, plan, header, size, out);
        log.printf(Locale.ROOT, "wrote %s, %s, %s, %s and figures into %s (%.1f s)%n", BenchReport.EDITS,
                BenchReport.DIRECTIONS, BenchReport.SUMMARY, BenchReport.MARKDOWN, out, results.wallSeconds());
        log.flush();
        return 0;
    }

    private String header(String fingerprint, MethodRunner.Settings s, EditBench.Plan plan, ProbeJudge.Thresholds t) {
        // the parse result's arguments start with this subcommand's name when it ran under synthfaces
        String command = String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                .dropWhile("bench-edits"::equals).toList());
        return String.format(Locale.ROOT, """
                # Edit benchmark on synthfaces%s

                Regenerate (from the repository root, after `./mvnw -B -ntp -pl synthfaces -am install -DskipTests`):

                    OMP_WAIT_POLICY=PASSIVE java -jar synthfaces/target/synthfaces.jar bench-edits %s

                - model: `%s` (%s); probe: `%s`
                - faces: %d sources (seeds from %d), %d transfer faces (seeds from %d); regions %s
                - DDIM: %d steps over 1000, eta 0, t_edit %.2f; power method %d-%d iterations (h-space: %s)
                - LOCO: k = %d, r' = %d, lambda = %.3f; h-space: r = %d, r_C = %d, r_A = %d, alpha = %.3f; direction %d of each set
                - judge: a factor moves above %.2f, stays at or below %.2f (ProbeJudge.Thresholds.DEFAULT explains why)
                - CPU, %d libtorch thread(s)

                Definitions: ROIR = ||(1-M)(X-X')|| / ||M(X-X')|| (methods.md, "Metrics"), X the strength-0
                reconstruction, X' the edit, M the face's ground-truth mask; "ROIR per pixel" divides each norm by
                the root of its pixel count. PSNR and SSIM (11x11 Gaussian, sigma 1.5) over the pixels outside the
                region. Local success: judged on the source face at -lambda and +lambda; transfer success: on
                each transfer face at -lambda and +lambda against the source's moved factor. LPIPS is left out: it
                needs pretrained networks (AlexNet/VGG) that cannot be fetched here.
                """, smoke ? " (smoke run: plumbing, not numbers)" : "", command, model, fingerprint, probe,
                plan.sources(), EditBench.sourceSeed(plan.seed(), 0), plan.transfers(), EditBench.transferSeed(plan.seed(), 0),
                plan.regions().stream().map(Region::id).toList(), s.steps(), s.timestep(), minIterations, maxIterations,
                hIterations > 0 ? hIterations + " fixed" : "the same",
                s.locoRank(), s.nullRank(), s.xtStrength(), s.hRank(), s.jointRank(), s.individualRank(), s.hStrength(),
                s.direction(), t.move(), t.stay(), threads);
    }
}
