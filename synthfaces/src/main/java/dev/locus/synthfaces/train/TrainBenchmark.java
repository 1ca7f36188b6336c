package dev.locus.synthfaces.train;

import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.training.DdpmTrainer;
import dev.locus.engine.training.TrainingConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;

/**
 * Times training steps (forward, backward, clipping, AdamW, EMA) on one fixed batch, and the
 * rendering of a batch apart, to choose a config that fits the time at hand. Writes nothing.
 */
public final class TrainBenchmark {

    /**
     * @param cpuMsPerStep process CPU time per timed step: on a busy machine the wall time says
     *                     how many cores we got, this says how much work a step is
     */
    public record Result(long parameters, double megabytes, double minStepMs, double medianStepMs,
                         double cpuMsPerStep, double renderMs) {}

    private TrainBenchmark() {}

    public static Result run(UNet2DConfig unet, TrainingConfig config, SynthFacesData data, int steps) {
        long renderStart = System.nanoTime();
        float[] pixels = data.pixels(0, config.batchSize());
        double renderMs = (System.nanoTime() - renderStart) / 1e6;
        int size = data.size();
        DdpmTrainer trainer = DdpmTrainer.start(unet, config.withTotalSteps(steps + 2), (step, batch) ->
                Tensor.create(pixels, batch, 3, size, size));
        trainer.trainStep(); // the first steps pay for allocator growth and kernel selection
        trainer.trainStep();
        double[] times = new double[steps];
        long cpuStart = processCpuNanos();
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            trainer.trainStep();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        double cpuMs = (processCpuNanos() - cpuStart) / 1e6 / steps;
        Arrays.sort(times);
        long parameters = trainer.model().parameterCount();
        return new Result(parameters, parameters * 4 / 1e6, times[0], times[steps / 2], cpuMs, renderMs);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    public static void print(Result r, UNet2DConfig unet, int batch, int threads, PrintWriter out) {
        out.println(unet.summary());
        out.println(String.format(Locale.ROOT,
                "%,d parameters, %.1f MB float32; batch %d on %d threads: step %.0f ms min, %.0f ms median, "
                        + "%.0f ms CPU; rendering the batch %.0f ms", r.parameters(), r.megabytes(), batch, threads,
                r.minStepMs(), r.medianStepMs(), r.cpuMsPerStep(), r.renderMs()));
        out.flush();
    }
}
