package dev.locus.engine.schedulers;

import dev.locus.engine.InvalidInputException;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** diffusers' timestep spacings, with numpy's float arithmetic and round-half-to-even. */
final class Timesteps {

    private Timesteps() {}

    /**
     * @param descending true for sampling (DDIMScheduler), false for inversion
     *                   (DDIMInverseScheduler)
     */
    static long[] spaced(String spacing, int trainSteps, int steps, int offset, boolean descending) {
        if (steps < 1 || steps > trainSteps) {
            throw new InvalidInputException("steps must be between 1 and " + trainSteps + ", got " + steps);
        }
        long[] ascending = new long[steps];
        switch (spacing) {
            case "leading" -> {
                long ratio = trainSteps / steps;
                for (int i = 0; i < steps; i++) {
                    ascending[i] = i * ratio + offset;
                }
            }
            case "trailing" -> {
                // np.round(np.arange(T, 0, -T/n)) - 1, read in ascending order
                double ratio = (double) trainSteps / steps;
                int count = (int) Math.ceil(trainSteps / ratio);
                if (count != steps) {
                    throw new IllegalStateException("trailing spacing produced " + count + " steps for " + steps);
                }
                for (int i = 0; i < steps; i++) {
                    ascending[steps - 1 - i] = (long) Math.rint(trainSteps - i * ratio) - 1;
                }
            }
            case "linspace" -> {
                double step = steps > 1 ? (double) (trainSteps - 1) / (steps - 1) : 0;
                for (int i = 0; i < steps; i++) {
                    ascending[i] = (long) Math.rint(i == steps - 1 && steps > 1 ? trainSteps - 1 : i * step);
                }
            }
            default -> throw new IllegalArgumentException("timestep_spacing '" + spacing
                    + "' is not supported (leading, trailing or linspace)");
        }
        if (!descending) {
            return ascending;
        }
        long[] out = new long[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = ascending[steps - 1 - i];
        }
        return out;
    }

    static float[] toFloatArray(Tensor tensor) {
        Tensor flat = tensor.to(torch.ScalarType.Float).contiguous().cpu();
        float[] values = new float[(int) flat.numel()];
        new org.bytedeco.javacpp.FloatPointer(flat.data_ptr()).get(values);
        return values;
    }

    /**
     * The level closest to {@code target}; on a tie the higher one, since the reference searches its
     * descending sampling timesteps and keeps the first.
     */
    static double nearest(double[] levels, double target) {
        if (levels.length == 0) {
            throw new IllegalArgumentException("a schedule without steps has no level near " + target);
        }
        double best = levels[0];
        for (double level : levels) {
            double gap = Math.abs(level - target);
            double bestGap = Math.abs(best - target);
            if (gap < bestGap - 1e-9 || (Math.abs(gap - bestGap) <= 1e-9 && level > best)) {
                best = level;
            }
        }
        return best;
    }
}
