package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.FactorKind;
import java.util.Arrays;
import java.util.List;

/**
 * Whether an image reads as a plausible face.
 *
 * <p>Rule: the score, the mean of the probe's confidences over the binary and categorical factors (seven
 * of them: iris colour, glasses, lip colour, hair colour, hair style, skin tone, background; confidence is
 * the largest class probability), must be at least a threshold. The threshold is calibrated on generated
 * faces from seeds no training or evaluation uses, as the score that 99.5% of them reach
 * ({@link PlausibilityCheck#CALIBRATION_PASS_RATE}), and is stored in the weights' metadata
 * ({@code plausibility_threshold}); the shipped probe's value and the pass rates it gives on held-out faces,
 * noise and damaged faces are in models/synthfaces-probe/README.md.
 *
 * <p>Why the mean and not the minimum: iris colour is invisible when the eyes are shut, so its confidence is
 * legitimately low on some real faces; one unsure factor lowers the mean by at most 1/7 of its shortfall,
 * while a non-face leaves every factor unsure. The probe was trained to be unsure on non-faces (outlier
 * exposure, {@link OutlierImages}); without that a classifier can be confidently wrong on noise.
 *
 * @param threshold the lowest passing score; NaN for a probe that has not been calibrated, which accepts nothing
 */
public record Plausibility(double threshold) {

    /** For a probe without a calibrated threshold: nothing passes. */
    public static final Plausibility UNCALIBRATED = new Plausibility(Double.NaN);

    /** The score of one image's readings, in [0, 1]. */
    public static double score(List<FactorReading> readings) {
        double sum = 0;
        int n = 0;
        for (FactorReading r : readings) {
            if (r.factor().kind() != FactorKind.CONTINUOUS) {
                sum += r.confidence();
                n++;
            }
        }
        return sum / n;
    }

    /** One line naming the rule, for reports. */
    public static final String RULE = "mean confidence over binary and categorical factors";

    /** The threshold that a share {@code passRate} of {@code scores} (from real faces) reaches. */
    public static Plausibility calibrate(double[] scores, double passRate) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int failing = (int) Math.floor((1 - passRate) * sorted.length);
        return new Plausibility(sorted[failing]);
    }

    public boolean accepts(double score) {
        return score >= threshold; // false for NaN
    }

    public boolean isCalibrated() {
        return !Double.isNaN(threshold);
    }
}
