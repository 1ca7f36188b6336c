package dev.locus.synthfaces;

import java.util.SplittableRandom;

/**
 * Draws faces from seeds. Every factor is drawn independently: categorical ones uniformly over their classes,
 * glasses with probability 1/2, continuous ones uniformly over their range (so eye openness includes
 * near-closed eyes). SplittableRandom's output is fixed by its specification, so a seed means the same
 * factors on every JVM.
 */
public final class FaceGenerator {
    private FaceGenerator() {
    }

    /** The factors and pose of face number {@code seed}. */
    public static FaceSample sample(long seed) {
        // One draw per factor, in Factor order, then the pose: adding a factor at the end keeps old seeds' faces.
        SplittableRandom random = new SplittableRandom(seed);
        double[] raw = new double[Factor.values().length];
        for (Factor factor : Factor.values()) {
            raw[factor.ordinal()] = switch (factor.kind()) {
                case CONTINUOUS -> factor.denormalize(random.nextDouble());
                case BINARY, CATEGORICAL -> random.nextInt(factor.classCount());
            };
        }
        Pose pose = new Pose(
                random.nextDouble(-Pose.MAX_SHIFT, Pose.MAX_SHIFT),
                random.nextDouble(-Pose.MAX_SHIFT, Pose.MAX_SHIFT),
                1 + random.nextDouble(-Pose.MAX_SCALE_CHANGE, Pose.MAX_SCALE_CHANGE));
        return new FaceSample(seed, FactorCodec.fromRaw(raw), pose);
    }

    /** Face number {@code seed} rendered at {@code size} x {@code size}. */
    public static Face generate(long seed, int size) {
        FaceSample s = sample(seed);
        return FaceRenderer.render(s.factors(), s.pose(), size);
    }
}
