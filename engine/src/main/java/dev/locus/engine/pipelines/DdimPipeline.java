package dev.locus.engine.pipelines;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.schedulers.DdimStep;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.engine.torch.Randomness;
import java.util.List;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Tensor;

/**
 * Unconditional DDIM: sampling from noise, inversion of images to a noise level, and
 * denoising from that level back to images. Images are in [-1, 1].
 */
public final class DdimPipeline {

    /** A sample at a noise level of the trajectory, as inversion leaves it. */
    public record Latent(Tensor sample, double timestep) {}

    private final Denoiser model;
    private final DdimTrajectory trajectory;

    public DdimPipeline(Denoiser model, DdimTrajectory trajectory) {
        this.model = model;
        this.trajectory = trajectory;
    }

    public DdimTrajectory trajectory() {
        return trajectory;
    }

    /** {@code count} images from seeded Gaussian noise (drawn on the CPU, then moved). */
    public Tensor sample(int count, long seed, org.bytedeco.pytorch.Device device, StepListener listener) {
        Generator generator = Randomness.generator(seed);
        long[] shape = model.sampleShape();
        Tensor noise = Randomness.randn(generator, count, shape[0], shape[1], shape[2]).to(device, org.bytedeco.pytorch.global.torch.ScalarType.Float);
        return denoise(new Latent(noise, trajectory.topLevel()), generator, listener);
    }

    /** DDIM inversion of clean images up to the grid level at or below {@code timestep}. */
    public Latent invert(Tensor images, double timestep, StepListener listener) {
        double level = trajectory.levelAtOrBelow(timestep);
        Tensor xt = DdimLoop.run(model, images, trajectory.inversion(level), trajectory.inversionUpdate(), null,
                "inverting", listener);
        return new Latent(xt, level);
    }

    /**
     * The x_t that sampling visits at {@code level} when it starts from the image's full inversion:
     * DDIM inversion up to the top level, then deterministic DDIM back down to {@code level}. JIVE
     * takes its x_t this way, so that it is the very sample an edit that inverts to x_T and
     * injects from t_edit down (Asyrp style) passes through.
     */
    public Latent invertAndDenoiseTo(Tensor images, double level, StepListener listener) {
        Latent noise = invert(images, trajectory.topLevel(), listener);
        List<DdimStep> down = trajectory.sampling(noise.timestep()).stream()
                .filter(step -> step.timestep() > level + 1e-6)
                .map(step -> new DdimStep(step.timestep(), step.fractional(), step.alphaFrom(), step.alphaTo(), 0))
                .toList();
        Tensor xt = DdimLoop.run(model, noise.sample(), down, trajectory.samplingUpdate(), null, "sampling", listener);
        noise.sample().close();
        return new Latent(xt, level);
    }

    /** Samples from a latent's level down to clean images. */
    public Tensor denoise(Latent latent, Generator generator, StepListener listener) {
        return DdimLoop.run(model, latent.sample(), trajectory.sampling(latent.timestep()), trajectory.samplingUpdate(),
                generator, "sampling", listener);
    }
}
