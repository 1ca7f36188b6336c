package dev.locus.engine.schedulers;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * diffusers' DDIMInverseScheduler: ascending timesteps; step i evaluates the model at the
 * destination timestep t_i on the sample sitting at t_i - T // n (the clean image, at alpha 1,
 * for the first step).
 */
public final class DDIMInverseScheduler {

    private final SchedulerConfig config;
    private final float[] alphasCumprod;
    private final float initialAlphaCumprod;
    private final DdimUpdate update;

    public DDIMInverseScheduler(SchedulerConfig config) {
        if (config.timestepSpacing().equals("linspace")) {
            throw new IllegalArgumentException("DDIM inversion supports leading or trailing spacing, not linspace");
        }
        this.config = config;
        this.alphasCumprod = Timesteps.toFloatArray(BetaSchedules.fromConfig(config).alphasCumprod());
        this.initialAlphaCumprod = config.setAlphaToOne() ? 1f : alphasCumprod[0];
        this.update = new DdimUpdate(config);
    }

    public long[] timesteps(int steps) {
        return Timesteps.spaced(config.timestepSpacing(), config.numTrainTimesteps(), steps, config.stepsOffset(), false);
    }

    /** The level the sample sits at before the step that ends at {@code timestep}. */
    public long sourceTimestep(long timestep, int steps) {
        return Math.min(timestep - config.numTrainTimesteps() / steps, config.numTrainTimesteps() - 1);
    }

    public float alphaCumprod(long timestep) {
        return timestep >= 0 ? alphasCumprod[(int) timestep] : initialAlphaCumprod;
    }

    /** diffusers' step(model_output, timestep, sample). */
    public DdimUpdate.Result step(Tensor modelOutput, long timestep, Tensor sample, int steps) {
        return update.apply(sample, modelOutput, alphaCumprod(sourceTimestep(timestep, steps)), alphaCumprod(timestep), 0, null);
    }

    public List<DdimStep> inversionSteps(int steps) {
        List<DdimStep> out = new ArrayList<>();
        for (long t : timesteps(steps)) {
            out.add(new DdimStep(t, false, alphaCumprod(sourceTimestep(t, steps)), alphaCumprod(t), 0));
        }
        return out;
    }

    DdimUpdate update() {
        return update;
    }
}
