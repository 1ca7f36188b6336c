package dev.locus.synthfaces.modelcard;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import dev.locus.synthfaces.probe.FactorFrequencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One factor's class (or bin) frequencies three ways: as the probe reads the model's samples, as the generator
 * draws them ({@link FactorFrequencies#expected}), and as the probe reads the generator's own faces. The last
 * is the yardstick for the probe's own bias: a model that matched the generator perfectly would show the
 * reference's distance, not 0.
 *
 * @param classes       class names, or for a continuous factor its {@link FactorFrequencies#CONTINUOUS_BINS}
 *                      equal bins in the factor's own units
 * @param model         share of the model's samples read as each class
 * @param generator     the generator's share of each class
 * @param reference     share of the generator's faces the probe reads as each class
 * @param tv            total variation distance, model vs generator
 * @param referenceTv   total variation distance, probe on generator faces vs generator
 * @param tvFromReference total variation distance, model vs probe on generator faces: the probe's bias cancels
 * @param samplingNoise expected distance from sampling alone for this many samples
 */
public record FactorComparison(Factor factor, List<String> classes, double[] model, double[] generator,
                               double[] reference, double tv, double referenceTv, double tvFromReference,
                               double samplingNoise) {

    /** A comparison per factor, in {@link Factor} order. */
    public static List<FactorComparison> of(FactorFrequencies model, FactorFrequencies reference) {
        List<FactorComparison> rows = new ArrayList<>();
        for (Factor f : Factor.values()) {
            rows.add(new FactorComparison(f, classes(f), model.observed(f), FactorFrequencies.expected(f),
                    reference.observed(f), model.totalVariation(f), reference.totalVariation(f),
                    model.totalVariationFrom(reference, f),
                    FactorFrequencies.samplingNoise(f, Math.max(1, model.total()))));
        }
        return List.copyOf(rows);
    }

    /** Mean over factors of the model's distance from the generator. */
    public static double meanTv(List<FactorComparison> rows) {
        return rows.stream().mapToDouble(FactorComparison::tv).average().orElse(Double.NaN);
    }

    /** Mean over factors of the probe's own distance on generator faces. */
    public static double meanReferenceTv(List<FactorComparison> rows) {
        return rows.stream().mapToDouble(FactorComparison::referenceTv).average().orElse(Double.NaN);
    }

    static List<String> classes(Factor f) {
        if (f.kind() != FactorKind.CONTINUOUS) {
            return f.classes();
        }
        int bins = FactorFrequencies.CONTINUOUS_BINS;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            out.add(String.format(Locale.ROOT, "%s..%s", number(f.denormalize(i / (double) bins)),
                    number(f.denormalize((i + 1) / (double) bins))));
        }
        return List.copyOf(out);
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.equals("-0.00") ? "0.00" : s;
    }
}
