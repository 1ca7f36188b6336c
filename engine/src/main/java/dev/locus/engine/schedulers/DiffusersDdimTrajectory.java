package dev.locus.engine.schedulers;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.api.Schedule;
import java.util.List;

/**
 * diffusers' DDIM sampling and DDIMInverseScheduler inversion with n steps over the training
 * range; partial trajectories stop at the grid timestep nearest below the requested one.
 */
public final class DiffusersDdimTrajectory implements DdimTrajectory {

    private final DDIMScheduler scheduler;
    private final DDIMInverseScheduler inverse;
    private final int steps;
    private final double eta;

    public DiffusersDdimTrajectory(SchedulerConfig config, int steps, double eta) {
        if (config.timestepSpacing().equals("linspace")) {
            throw new IllegalArgumentException("linspace spacing has no matching DDIM inversion; use leading or trailing");
        }
        this.scheduler = new DDIMScheduler(config);
        this.inverse = new DDIMInverseScheduler(config.withoutClipping());
        this.steps = steps;
        this.eta = eta;
    }

    @Override
    public NoiseSchedule noiseSchedule() {
        return scheduler.noiseSchedule();
    }

    @Override
    public double levelAtOrBelow(double timestep) {
        long best = -1;
        for (long t : scheduler.timesteps(steps)) {
            if (t <= timestep && t > best) {
                best = t;
            }
        }
        if (best < 0) {
            throw new InvalidInputException("no timestep of the " + steps + "-step schedule lies at or below " + timestep);
        }
        return best;
    }

    @Override
    public double levelNearest(double fraction) {
        return Timesteps.nearest(java.util.Arrays.stream(scheduler.timesteps(steps)).asDoubleStream().toArray(),
                fraction * scheduler.noiseSchedule().trainTimesteps());
    }

    @Override
    public List<DdimStep> inversion(double level) {
        return inverse.inversionSteps(steps).stream().filter(s -> s.timestep() <= level).toList();
    }

    @Override
    public List<DdimStep> sampling(double level) {
        return scheduler.samplingSteps(steps, eta).stream().filter(s -> s.timestep() <= level).toList();
    }

    @Override
    public boolean fractionalTimesteps() {
        return false;
    }

    @Override
    public Schedule schedule() {
        return Schedule.ddim(Schedule.Spacing.fromId(scheduler.config().timestepSpacing()), steps, eta);
    }

    @Override
    public double topLevel() {
        return scheduler.timesteps(steps)[0];
    }

    @Override
    public DdimUpdate samplingUpdate() {
        return scheduler.update();
    }

    @Override
    public DdimUpdate inversionUpdate() {
        return inverse.update();
    }
}
