package dev.locus.synthfaces.bench;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import dev.locus.synthfaces.Region;
import dev.locus.synthfaces.probe.FaceReading;
import dev.locus.synthfaces.probe.FactorReading;
import java.util.Arrays;
import java.util.List;

/**
 * Judges edits by what the factor probe reads before and after them.
 *
 * <p>A region owns the factors whose {@link Factor#region()} it is (eyes: openness, size, gaze, iris colour,
 * glasses; eyebrows: angle, thickness; mouth: curve, openness, lip colour; hair: colour, style). The change of a
 * factor between two readings is on one [0, 1] scale for every kind: |difference of the normalised value| for a
 * continuous factor, |difference of P(yes)| for a binary one, the total variation distance of the class
 * probabilities (half the L1 distance) for a categorical one.
 *
 * <ul>
 *   <li>local success: some factor of the edited region changes by more than {@code move}, and every factor of
 *       every other region (face and background included) changes by at most {@code stay};</li>
 *   <li>the moved factor is the region's factor that changes most; its direction is the sign of the change
 *       (continuous, binary) or the class that gains most probability (categorical);</li>
 *   <li>transfer success: on another face, the same factor changes by more than {@code move} in the same
 *       direction;</li>
 *   <li>linearity: R^2 of the least-squares line through (strength, response), the response being the signed
 *       change of the moved factor (for a categorical one, the change of its gaining class's probability);</li>
 *   <li>composability: with two regions' directions added at once, both moved factors change by more than
 *       {@code move}, each in its own direction.</li>
 * </ul>
 */
public final class ProbeJudge {

    /**
     * @param move a factor "moves" when it changes by more than this
     * @param stay a factor "stays" when it changes by at most this
     */
    public record Thresholds(double move, double stay) {

        /**
         * move 0.15, stay 0.10, chosen before any edit was judged: the shipped probe's mean absolute error on
         * continuous factors is about 0.05 (0.04-0.07, gaze 0.10; models/synthfaces-probe/README.md). A move
         * must be three times that typical reading error, so that reading noise is not counted as an edit; an
         * untouched factor may drift by twice it. Binary and categorical factors read at 80-100% accuracy and
         * use the same probability-mass thresholds.
         */
        public static final Thresholds DEFAULT = new Thresholds(0.15, 0.10);

        public Thresholds {
            if (!(move > 0 && stay > 0 && move <= 1 && stay <= 1)) {
                throw new IllegalArgumentException("thresholds must lie in (0, 1], got move " + move + ", stay " + stay);
            }
        }
    }

    /**
     * How one factor changed between two readings.
     *
     * @param magnitude    the change on the common [0, 1] scale
     * @param signed       the signed change: value or P(yes) difference, or the gaining class's probability gain
     * @param gainingClass for a categorical factor the class that gained most, else -1
     */
    public record Movement(Factor factor, double magnitude, double signed, int gainingClass) {

        /** Whether {@code other} goes the same way as this one (same sign, or same gaining class). */
        public boolean sameWay(Movement other) {
            if (other.factor != factor) {
                throw new IllegalArgumentException("comparing " + factor.id() + " with " + other.factor.id());
            }
            return factor.kind() == FactorKind.CATEGORICAL
                    ? other.gainingClass == gainingClass
                    : Math.signum(other.signed) == Math.signum(signed) && signed != 0;
        }
    }

    /**
     * @param moved        the region's factor that changed most
     * @param largestOther the other regions' factor that changed most
     */
    public record LocalVerdict(boolean success, Movement moved, Movement largestOther) {}

    private final Thresholds thresholds;

    public ProbeJudge(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** The factors the region owns, in schema order. */
    public static List<Factor> owned(Region region) {
        return Arrays.stream(Factor.values()).filter(f -> f.region() == region).toList();
    }

    /** How the factor read in {@code before} changed in {@code after}. */
    public static Movement movement(FactorReading before, FactorReading after) {
        Factor factor = before.factor();
        if (after.factor() != factor) {
            throw new IllegalArgumentException("readings of " + factor.id() + " and " + after.factor().id());
        }
        if (factor.kind() != FactorKind.CATEGORICAL) {
            double d = after.value() - before.value();
            return new Movement(factor, Math.abs(d), d, -1);
        }
        double[] p = before.probabilities();
        double[] q = after.probabilities();
        double tv = 0;
        int gaining = 0;
        for (int c = 0; c < p.length; c++) {
            tv += Math.abs(q[c] - p[c]);
            if (q[c] - p[c] > q[gaining] - p[gaining]) {
                gaining = c;
            }
        }
        return new Movement(factor, tv / 2, q[gaining] - p[gaining], gaining);
    }

    /** Local success of an edit of {@code region}: {@code before} the reconstruction, {@code after} the edit. */
    public LocalVerdict local(Region region, FaceReading before, FaceReading after) {
        Movement moved = null;
        Movement other = null;
        for (Factor f : Factor.values()) {
            Movement m = movement(before.get(f), after.get(f));
            if (f.region() == region) {
                if (moved == null || m.magnitude() > moved.magnitude()) {
                    moved = m;
                }
            } else if (other == null || m.magnitude() > other.magnitude()) {
                other = m;
            }
        }
        if (moved == null) {
            throw new IllegalArgumentException(region.id() + " owns no factor");
        }
        boolean success = moved.magnitude() > thresholds.move() && other.magnitude() <= thresholds.stay();
        return new LocalVerdict(success, moved, other);
    }

    /** Whether the factor of {@code reference} moves past the threshold and the same way from before to after. */
    public boolean movesTheSameWay(Movement reference, FaceReading before, FaceReading after) {
        Movement m = movement(before.get(reference.factor()), after.get(reference.factor()));
        return m.magnitude() > thresholds.move() && reference.sameWay(m);
    }

    /** Transfer success: the source's moved factor moves the same way on another face. */
    public boolean transfer(Movement reference, FaceReading before, FaceReading after) {
        return movesTheSameWay(reference, before, after);
    }

    /** Composability: both regions' moved factors move their own way under the composed edit. */
    public boolean composed(Movement first, Movement second, FaceReading before, FaceReading after) {
        return movesTheSameWay(first, before, after) && movesTheSameWay(second, before, after);
    }

    /** The signed response of the reference factor from {@code zero} to {@code at}, along the reference's direction. */
    public static double response(Movement reference, FaceReading zero, FaceReading at) {
        FactorReading a = zero.get(reference.factor());
        FactorReading b = at.get(reference.factor());
        if (reference.factor().kind() == FactorKind.CATEGORICAL) {
            return b.probabilities()[reference.gainingClass()] - a.probabilities()[reference.gainingClass()];
        }
        return b.value() - a.value();
    }

    /**
     * R^2 of the least-squares line y = a + b x: 1 - SS_res / SS_tot. NaN when y does not vary (a flat response
     * has no linear trend to explain) or fewer than 3 points are given.
     */
    public static double rSquared(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " strengths for " + y.length + " responses");
        }
        int n = x.length;
        if (n < 3) {
            return Double.NaN;
        }
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (syy == 0 || sxx == 0) {
            return Double.NaN;
        }
        double slope = sxy / sxx;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - (my + slope * (x[i] - mx));
            residual += e * e;
        }
        return 1 - residual / syy;
    }
}
