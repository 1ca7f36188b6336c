package dev.locus.synthfaces.modelcard;

import dev.locus.engine.io.TensorArrays;
import dev.locus.engine.models.Denoiser;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.Randomness;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Tensor;

/**
 * DDIM samples from a model, batch by batch on the CPU. The noise of all samples (the starting noise, and the
 * fresh noise of stochastic steps when eta > 0) comes from one generator seeded with the seed, drawn batch after
 * batch, so the same seed gives the same samples; each batch's tensors live in their own scope and leave it as a
 * Java array.
 */
public final class ModelSampler {

    /** Samples {@code first} to {@code first + count - 1} as planar [count, C, H, W] floats, as the model made them. */
    public record Batch(int first, int count, float[] pixels) {}

    /** Receives each batch as it is done. */
    @FunctionalInterface
    public interface Sink {
        void accept(Batch batch);
    }

    private final Denoiser model;
    private final DdimPipeline pipeline;

    public ModelSampler(Denoiser model, DdimTrajectory trajectory) {
        this.model = model;
        this.pipeline = new DdimPipeline(model, trajectory);
    }

    /** Deterministic DDIM (eta 0) with {@code steps} steps over the model's noise schedule. */
    public static ModelSampler ddim(Denoiser model, SchedulerConfig scheduler, int steps) {
        return ddim(model, scheduler, steps, 0);
    }

    /**
     * DDIM with {@code steps} steps and stochasticity {@code eta}: 0 is deterministic DDIM, 1 adds the DDPM
     * posterior's noise at every step (ancestral sampling on the shortened schedule).
     */
    public static ModelSampler ddim(Denoiser model, SchedulerConfig scheduler, int steps, double eta) {
        if (steps < 1) {
            throw new IllegalArgumentException("DDIM needs at least 1 step, got " + steps);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be between 0 and 1, got " + eta);
        }
        return new ModelSampler(model, new DiffusersDdimTrajectory(scheduler, steps, eta));
    }

    public long[] sampleShape() {
        return model.sampleShape();
    }

    /** Samples {@code count} images in batches of at most {@code batchSize}, handing each batch to {@code sink}. */
    public void sample(int count, long seed, int batchSize, StepListener steps, Sink sink) {
        if (count < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need at least 1 sample and a batch of at least 1, got " + count
                    + " and " + batchSize);
        }
        long[] shape = model.sampleShape();
        Generator generator = Randomness.generator(seed);
        for (int first = 0; first < count; first += batchSize) {
            int n = Math.min(batchSize, count - first);
            float[] pixels;
            try (PointerScope scope = new PointerScope()) {
                Tensor noise = Randomness.randn(generator, n, shape[0], shape[1], shape[2]);
                Tensor images = pipeline.denoise(new DdimPipeline.Latent(noise, pipeline.trajectory().topLevel()),
                        generator, steps);
                pixels = TensorArrays.toFloats(images);
            }
            sink.accept(new Batch(first, n, pixels));
        }
    }
}
