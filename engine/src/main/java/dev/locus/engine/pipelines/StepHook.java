package dev.locus.engine.pipelines;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.schedulers.DdimStep;
import org.bytedeco.pytorch.Tensor;

/**
 * What a pipeline may change at each step of the DDIM loop, as diffusers' pipelines let {@code callback_on_step_end}
 * change the latents between steps: the sample a step starts from (an edit adds its x_t terms when sampling passes
 * their level) and the model the step runs (an h-space edit shifts the mid-block output).
 */
public interface StepHook {

    /** Changes nothing: plain sampling and inversion. */
    StepHook NONE = new StepHook() {};

    /** The sample {@code step} starts from, given the one the previous step produced. */
    default Tensor sampleAt(DdimStep step, Tensor sample) {
        return sample;
    }

    /** The model {@code step} runs on {@code sample}. */
    default Denoiser denoiserAt(DdimStep step, Denoiser model, Tensor sample) {
        return model;
    }
}
