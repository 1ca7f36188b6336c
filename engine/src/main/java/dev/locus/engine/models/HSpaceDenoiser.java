package dev.locus.engine.models;

import org.bytedeco.pytorch.Tensor;

/**
 * A denoiser with an h-space: the bottleneck (a UNet's mid-block output) that Asyrp, Haas et al. and JIVE edit by
 * adding a delta at every step.
 */
public interface HSpaceDenoiser extends Denoiser {

    /** eps(x_t, t) with {@code hDelta} added to h, [B, ...h's shape] (null adds nothing). */
    Tensor predictNoise(Tensor sample, Tensor timesteps, Tensor hDelta);

    /** This model with {@code hDelta} added to h at every call. */
    default Denoiser shifted(Tensor hDelta) {
        HSpaceDenoiser model = this;
        return new Denoiser() {
            @Override
            public Tensor predictNoise(Tensor sample, Tensor timesteps) {
                return model.predictNoise(sample, timesteps, hDelta);
            }

            @Override
            public long[] sampleShape() {
                return model.sampleShape();
            }
        };
    }
}
