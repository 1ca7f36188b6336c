package dev.locus.engine.schedulers;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Tensor;

/** diffusers' DDIMScheduler: timestep spacing, prev-timestep rule and the step update. */
public final class DDIMScheduler {

    private final SchedulerConfig config;
    private final NoiseSchedule schedule;
    private final float[] alphasCumprod;
    private final float finalAlphaCumprod;
    private final DdimUpdate update;

    public DDIMScheduler(SchedulerConfig config) {
        this.config = config;
        this.schedule = BetaSchedules.fromConfig(config);
        this.alphasCumprod = Timesteps.toFloatArray(schedule.alphasCumprod());
        this.finalAlphaCumprod = config.setAlphaToOne() ? 1f : alphasCumprod[0];
        this.update = new DdimUpdate(config);
    }

    public SchedulerConfig config() {
        return config;
    }

    public NoiseSchedule noiseSchedule() {
        return schedule;
    }

    /** set_timesteps(n): the descending timesteps the model is evaluated at. */
    public long[] timesteps(int steps) {
        return Timesteps.spaced(config.timestepSpacing(), config.numTrainTimesteps(), steps, config.stepsOffset(), true);
    }

    /** The level step() really moves to: t - T // n, for every spacing. */
    public long previousTimestep(long timestep, int steps) {
        return timestep - config.numTrainTimesteps() / steps;
    }

    public float alphaCumprod(long timestep) {
        return timestep >= 0 ? alphasCumprod[(int) timestep] : finalAlphaCumprod;
    }

    /** diffusers' step(model_output, timestep, sample, eta, generator). */
    public DdimUpdate.Result step(Tensor modelOutput, long timestep, Tensor sample, int steps, double eta, Generator generator) {
        return update.apply(sample, modelOutput, alphaCumprod(timestep), alphaCumprod(previousTimestep(timestep, steps)),
                eta, generator);
    }

    /** All sampling steps as DdimSteps. */
    public List<DdimStep> samplingSteps(int steps, double eta) {
        List<DdimStep> out = new ArrayList<>();
        for (long t : timesteps(steps)) {
            out.add(new DdimStep(t, false, alphaCumprod(t), alphaCumprod(previousTimestep(t, steps)), eta));
        }
        return out;
    }

    DdimUpdate update() {
        return update;
    }
}
