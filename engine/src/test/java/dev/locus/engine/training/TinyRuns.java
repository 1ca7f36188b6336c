package dev.locus.engine.training;

import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.torch.Randomness;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** A UNet small enough to train for dozens of steps in a test, and data for it. */
final class TinyRuns {

    static final int SIZE = 16;

    private TinyRuns() {}

    /**
     * Runs libtorch on one thread until the returned handle is closed. Kernels this small spend
     * more time in OpenMP barriers than in arithmetic, and on a busy machine a barrier waits for
     * a descheduled thread: measured 45 ms a step on one thread against 1.2 s on two.
     */
    static AutoCloseable oneThread() {
        int previous = torch.get_num_threads();
        torch.set_num_threads(1);
        return () -> torch.set_num_threads(previous);
    }

    /** Two levels, attention at the lower one and in the mid block, so backward covers every layer type. */
    static UNet2DConfig unet() {
        return new UNet2DConfig(SIZE, 3, 3, false, true, 0, null,
                List.of("DownBlock2D", "AttnDownBlock2D"), List.of("AttnUpBlock2D", "UpBlock2D"),
                List.of(8, 16), 1, 1, 1, 8, 4, null, 1e-5, "default", true);
    }

    /** {@link #unet()} with 32 instead of 16 channels at the lower level: another architecture. */
    static UNet2DConfig widerUnet() {
        return new UNet2DConfig(SIZE, 3, 3, false, true, 0, null,
                List.of("DownBlock2D", "AttnDownBlock2D"), List.of("AttnUpBlock2D", "UpBlock2D"),
                List.of(8, 32), 1, 1, 1, 8, 4, null, 1e-5, "default", true);
    }

    static TrainingConfig config(long steps) {
        return new TrainingConfig(steps, 4, 2e-3, 5, LearningRateSchedule.Shape.CONSTANT, 0, 1e-2, 1.0, 0.9, 7);
    }

    /** Fresh images every step, a function of the step alone. */
    static TrainingData freshImages() {
        return (step, batch) -> images(1000 + step, batch);
    }

    /** The same images at every step. */
    static TrainingData fixedImages() {
        return (step, batch) -> images(1, batch);
    }

    /** Smooth colour blobs in [-1, 1]: low-resolution noise upsampled, then squashed. */
    static Tensor images(long seed, int batch) {
        Generator generator = Randomness.generator(seed);
        Tensor coarse = Randomness.randn(generator, batch, 3, 4, 4).mul(new org.bytedeco.pytorch.Scalar(2.0));
        return torch.tanh(torch.upsample_nearest2d(coarse, new long[] {SIZE, SIZE}));
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item_double();
    }

    static double maxAbsDiff(Map<String, Tensor> a, Map<String, Tensor> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new AssertionError("different tensor names");
        }
        double max = 0;
        for (String name : a.keySet()) {
            max = Math.max(max, maxAbsDiff(a.get(name), b.get(name)));
        }
        return max;
    }
}
