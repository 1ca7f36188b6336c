package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;

/**
 * What the probe reads for one factor of one image.
 *
 * <ul>
 *   <li>binary: {@code value} is P(yes), {@code probabilities} is {P(no), P(yes)};
 *   <li>categorical: {@code value} is the most probable class index, {@code probabilities} the softmax;
 *   <li>continuous: {@code value} is the estimate normalised to [0, 1] ({@link Factor#normalize}),
 *       {@code probabilities} is empty.
 * </ul>
 *
 * @param confidence the largest class probability (max(p, 1 - p) for binary); NaN for a continuous
 *     factor, where the regression head gives no confidence
 */
public record FactorReading(Factor factor, double value, double confidence, double[] probabilities) {

    /** The class read (1 for yes on a binary factor); -1 for a continuous factor. */
    public int classIndex() {
        return switch (factor.kind()) {
            case BINARY -> value >= 0.5 ? 1 : 0;
            case CATEGORICAL -> (int) value;
            case CONTINUOUS -> -1;
        };
    }

    /** The reading in the factor's own units, as {@link Factor#get} gives them: a class index or a value. */
    public double raw() {
        return factor.kind() == FactorKind.CONTINUOUS ? factor.denormalize(value) : classIndex();
    }

    /** Class name for a binary or categorical factor ("no"/"yes" for binary), else null. */
    public String className() {
        return factor.kind() == FactorKind.CONTINUOUS ? null : factor.classes().get(classIndex());
    }
}
