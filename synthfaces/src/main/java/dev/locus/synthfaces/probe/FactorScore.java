package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;

/**
 * How well the probe reads one factor on held-out faces: accuracy for a binary or categorical factor;
 * mean absolute error (in normalised units, [0, 1]) and R^2 for a continuous one. Unused fields are NaN.
 *
 * @param count faces scored (fewer than the evaluation's total for a conditional row)
 */
public record FactorScore(Factor factor, String condition, int count, double accuracy, double meanAbsoluteError,
                          double r2) {

    public boolean isDiscrete() {
        return factor.kind() != FactorKind.CONTINUOUS;
    }

    /** The factor's id, with the condition if the row covers only some faces. */
    public String label() {
        return condition.isEmpty() ? factor.id() : factor.id() + " (" + condition + ")";
    }
}
