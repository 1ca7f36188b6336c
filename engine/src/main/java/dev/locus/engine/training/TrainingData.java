package dev.locus.engine.training;

import org.bytedeco.pytorch.Tensor;

/**
 * Where training images come from. A batch is a pure function of the step, so a resumed run sees
 * exactly the images the interrupted one would have seen, with no data-loader state to save.
 */
@FunctionalInterface
public interface TrainingData {

    /**
     * The images for optimiser step {@code step} (0-based).
     *
     * @return float32 [batchSize, C, H, W] in [-1, 1], on the CPU, made in the caller's scope
     */
    Tensor batch(long step, int batchSize);
}
