package dev.locus.engine.models;

import org.bytedeco.pytorch.Tensor;

/**
 * A noise predictor eps_theta(x_t, t): the one thing every sampler, inverter and Jacobian
 * method needs from a model. Implemented by the UNet and by the analytic Gaussian mixture,
 * so the methods can be checked against exact answers.
 */
public interface Denoiser {

    /**
     * Predicts the noise in {@code sample}.
     *
     * @param sample    x_t, [B, C, H, W]
     * @param timesteps [B] int64, or float32 for the LOCO grid's fractional timesteps
     * @return eps, same shape as {@code sample}
     */
    Tensor predictNoise(Tensor sample, Tensor timesteps);

    /** Shape of one sample without the batch dimension: {C, H, W}. */
    long[] sampleShape();

    /** This model's h-space, if it has one ({@link HSpaceDenoiser}). */
    default java.util.Optional<HSpaceDenoiser> hSpace() {
        return java.util.Optional.empty();
    }
}
