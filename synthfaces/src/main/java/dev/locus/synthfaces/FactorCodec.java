package dev.locus.synthfaces;

/**
 * Number encodings of {@link FaceFactors} for learning, all in {@link Factor} order.
 *
 * <ul>
 *   <li>{@link #raw}: one number per factor, as {@link Factor#get} gives it; {@link #fromRaw} inverts it.
 *   <li>{@link #normalized}: one number per factor in [0, 1] (class index / (classes - 1) for categorical).
 *   <li>{@link #classIndices}: class index per factor, -1 for continuous ones; targets for cross-entropy.
 *   <li>{@link #oneHot}: categorical and binary factors one-hot, continuous ones normalized, concatenated.
 * </ul>
 */
public final class FactorCodec {
    private static final Factor[] FACTORS = Factor.values();

    private FactorCodec() {
    }

    public static double[] raw(FaceFactors f) {
        double[] out = new double[FACTORS.length];
        for (Factor factor : FACTORS) {
            out[factor.ordinal()] = factor.get(f);
        }
        return out;
    }

    public static double[] normalized(FaceFactors f) {
        double[] out = raw(f);
        for (Factor factor : FACTORS) {
            out[factor.ordinal()] = factor.normalize(out[factor.ordinal()]);
        }
        return out;
    }

    public static int[] classIndices(FaceFactors f) {
        int[] out = new int[FACTORS.length];
        for (Factor factor : FACTORS) {
            out[factor.ordinal()] = factor.kind() == FactorKind.CONTINUOUS ? -1 : (int) factor.get(f);
        }
        return out;
    }

    /** Length of {@link #oneHot}: the class count of each discrete factor plus one per continuous factor. */
    public static int oneHotLength() {
        int n = 0;
        for (Factor factor : FACTORS) {
            n += factor.kind() == FactorKind.CONTINUOUS ? 1 : factor.classCount();
        }
        return n;
    }

    public static double[] oneHot(FaceFactors f) {
        double[] out = new double[oneHotLength()];
        int at = 0;
        for (Factor factor : FACTORS) {
            double v = factor.get(f);
            if (factor.kind() == FactorKind.CONTINUOUS) {
                out[at++] = factor.normalize(v);
            } else {
                out[at + (int) v] = 1;
                at += factor.classCount();
            }
        }
        return out;
    }

    /** Builds factors from raw values; discrete values are rounded to the nearest class. */
    public static FaceFactors fromRaw(double[] v) {
        if (v.length != FACTORS.length) {
            throw new IllegalArgumentException("expected " + FACTORS.length + " values, got " + v.length);
        }
        return new FaceFactors(
                v[Factor.EYE_OPENNESS.ordinal()],
                v[Factor.EYE_SIZE.ordinal()],
                v[Factor.GAZE.ordinal()],
                pick(IrisColour.values(), Factor.IRIS_COLOUR, v),
                index(Factor.GLASSES, v) == 1,
                v[Factor.BROW_ANGLE.ordinal()],
                v[Factor.BROW_THICKNESS.ordinal()],
                v[Factor.MOUTH_CURVE.ordinal()],
                v[Factor.MOUTH_OPEN.ordinal()],
                pick(LipColour.values(), Factor.LIP_COLOUR, v),
                pick(HairColour.values(), Factor.HAIR_COLOUR, v),
                pick(HairStyle.values(), Factor.HAIR_STYLE, v),
                pick(SkinTone.values(), Factor.SKIN_TONE, v),
                v[Factor.FACE_WIDTH.ordinal()],
                pick(Background.values(), Factor.BACKGROUND, v));
    }

    private static <E> E pick(E[] classes, Factor factor, double[] v) {
        return classes[index(factor, v)];
    }

    private static int index(Factor factor, double[] v) {
        double x = v[factor.ordinal()];
        long i = Math.round(x);
        if (!(x == x) || i < 0 || i >= factor.classCount()) {
            throw new IllegalArgumentException(factor.id() + " = " + x + " is not a class index in [0, "
                    + (factor.classCount() - 1) + "]");
        }
        return (int) i;
    }
}
