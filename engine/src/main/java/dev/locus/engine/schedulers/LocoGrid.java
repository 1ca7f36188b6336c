package dev.locus.engine.schedulers;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.api.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * The LOCO reference code's schedule: float timesteps linspace(0, 1, points) * (T - 1), the
 * model sees the fractional t, abar is looked up at floor(t). With quality boosting, sampling
 * steps below {@code boostBelow * T} are stochastic (eta 1), as in the reference scripts.
 */
public final class LocoGrid implements DdimTrajectory {

    public static final int REFERENCE_POINTS = 100;
    public static final double REFERENCE_BOOST_BELOW = 0.2;

    private final NoiseSchedule schedule;
    private final float[] alphas;
    private final float[] grid;
    private final boolean qualityBoost;
    private final double boostBelow;
    private final DdimUpdate sampling;
    private final DdimUpdate inversion;

    public LocoGrid(SchedulerConfig config, int points, boolean qualityBoost) {
        if (points < 2) {
            throw new IllegalArgumentException("the LOCO grid needs at least 2 points, got " + points);
        }
        this.schedule = BetaSchedules.fromConfig(config);
        this.alphas = Timesteps.toFloatArray(schedule.alphasCumprod());
        int last = config.numTrainTimesteps() - 1;
        this.grid = Timesteps.toFloatArray(torch.linspace(new Scalar(0.0), new Scalar(1.0), points,
                new TensorOptions(torch.ScalarType.Float)).mul(new Scalar(last)));
        this.qualityBoost = qualityBoost;
        this.boostBelow = REFERENCE_BOOST_BELOW * config.numTrainTimesteps();
        // The reference code neither clips nor thresholds on its own grid.
        this.sampling = new DdimUpdate(config.withoutClipping());
        this.inversion = sampling;
    }

    @Override
    public NoiseSchedule noiseSchedule() {
        return schedule;
    }

    @Override
    public double levelAtOrBelow(double timestep) {
        return grid[indexAtOrBelow(timestep)];
    }

    @Override
    public double levelNearest(double fraction) {
        return Timesteps.nearest(java.util.Arrays.copyOfRange(toDoubles(grid), 1, grid.length),
                fraction * schedule.trainTimesteps());
    }

    @Override
    public List<DdimStep> inversion(double level) {
        int top = indexAtOrBelow(level);
        List<DdimStep> steps = new ArrayList<>();
        for (int j = 1; j <= top; j++) {
            steps.add(new DdimStep(grid[j - 1], true, alpha(grid[j - 1]), alpha(grid[j]), 0));
        }
        return steps;
    }

    @Override
    public List<DdimStep> sampling(double level) {
        int top = indexAtOrBelow(level);
        List<DdimStep> steps = new ArrayList<>();
        for (int j = top; j >= 1; j--) {
            double eta = qualityBoost && grid[j] < boostBelow ? 1.0 : 0.0;
            steps.add(new DdimStep(grid[j], true, alpha(grid[j]), alpha(grid[j - 1]), eta));
        }
        return steps;
    }

    @Override
    public boolean fractionalTimesteps() {
        return true;
    }

    @Override
    public Schedule schedule() {
        return Schedule.locoGrid(grid.length, qualityBoost);
    }

    @Override
    public double topLevel() {
        return grid[grid.length - 1];
    }

    @Override
    public DdimUpdate samplingUpdate() {
        return sampling;
    }

    @Override
    public DdimUpdate inversionUpdate() {
        return inversion;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private float alpha(float t) {
        return alphas[(int) Math.floor(t)];
    }

    private int indexAtOrBelow(double timestep) {
        int best = -1;
        for (int j = 0; j < grid.length; j++) {
            if (grid[j] <= timestep + 1e-4) {
                best = j;
            }
        }
        if (best < 0) {
            throw new InvalidInputException("timestep " + timestep + " lies below the LOCO grid");
        }
        return best;
    }
}
