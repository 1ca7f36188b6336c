package dev.locus.engine.schedulers;

import dev.locus.engine.api.Schedule;
import java.util.List;

/**
 * A discretised path between clean images and noise: the steps that sample down from a noise
 * level and the steps that invert up to it. Two implementations: diffusers' DDIM schedules and
 * the LOCO reference grid.
 */
public interface DdimTrajectory {

    /** The schedule the levels refer to. */
    NoiseSchedule noiseSchedule();

    /** The grid level nearest below {@code timestep} that this trajectory can stop at. */
    double levelAtOrBelow(double timestep);

    /**
     * The level an edit at {@code fraction} of the schedule (t_edit, 0.6 for "0.6T") happens at: the
     * step nearest fraction * T, as the reference code picks it (argmin |timesteps - t_edit * 1000|).
     */
    double levelNearest(double fraction);

    /** Steps from the clean image up to {@code level} (as returned by levelAtOrBelow). */
    List<DdimStep> inversion(double level);

    /** Steps from {@code level} down to the clean image; all steps from pure noise with T. */
    List<DdimStep> sampling(double level);

    /** Whether the model is told fractional (float) timesteps on this trajectory. */
    boolean fractionalTimesteps();

    /** What this trajectory is, as data: stored with the directions found on it, so edits can sample on it. */
    Schedule schedule();

    /** The highest level sampling starts from (pure noise). */
    double topLevel();

    /** Update rule (prediction type, clipping) to apply on sampling steps. */
    DdimUpdate samplingUpdate();

    /** Update rule for inversion steps (never clips). */
    DdimUpdate inversionUpdate();
}
