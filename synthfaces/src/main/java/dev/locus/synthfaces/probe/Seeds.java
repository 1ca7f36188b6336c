package dev.locus.synthfaces.probe;

/**
 * Which generator seeds each job uses. Training draws from [0, 10^9), fresh faces every step; evaluation
 * and plausibility calibration use ranges above that, disjoint from training and from each other, so no
 * reported number comes from a face the probe was trained or calibrated on.
 */
public final class Seeds {

    /** First training seed; step s uses seeds TRAIN + s * batch ... */
    public static final long TRAIN = 0;
    /** First held-out seed for accuracy reports ({@code probe-eval}, tests). */
    public static final long EVALUATION = 1_000_000_000L;
    /** First seed of the faces the plausibility threshold is calibrated on. */
    public static final long CALIBRATION = 1_500_000_000L;
    /** First seed of faces that corruption checks (blur, shuffle) start from. */
    public static final long CORRUPTION = 1_800_000_000L;
    /** First seed of the edit benchmark's source and transfer faces ({@code bench-edits}). */
    public static final long BENCH = 1_900_000_000L;

    private Seeds() {}

    /** The first seed of training step {@code step} (counted from 0). */
    public static long trainingBatch(long step, int batchSize) {
        long first = TRAIN + step * batchSize;
        if (first + batchSize > EVALUATION) {
            throw new IllegalArgumentException("training step " + step + " would reach the held-out seeds");
        }
        return first;
    }
}
