package dev.locus.synthfaces.probe;

import java.util.List;
import java.util.Locale;

/**
 * The probe's held-out scores: one row per factor in schema order, then conditional rows (see
 * {@link ProbeEvaluation}), and the share of these real faces that pass the plausibility rule.
 */
public record EvaluationReport(long firstSeed, int count, List<FactorScore> factors, List<FactorScore> conditional,
                               double plausibleRate) {

    /** The lowest accuracy over binary and categorical factors (unconditional rows). */
    public double worstDiscreteAccuracy() {
        return factors.stream().filter(FactorScore::isDiscrete).mapToDouble(FactorScore::accuracy).min().orElse(1);
    }

    /** The scores as a Markdown table, for the terminal and the model card. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "held-out faces: seeds %d..%d (%d)%n%n", firstSeed, firstSeed + count - 1,
                count));
        s.append("| factor | kind | accuracy | MAE (normalised) | R^2 |\n| --- | --- | --- | --- | --- |\n");
        for (FactorScore f : factors) {
            s.append(row(f));
        }
        for (FactorScore f : conditional) {
            s.append(row(f));
        }
        s.append(String.format(Locale.ROOT, "%nworst binary/categorical accuracy: %.4f%n", worstDiscreteAccuracy()));
        s.append(String.format(Locale.ROOT, "plausible: %.4f of these generated faces pass%n", plausibleRate));
        return s.toString();
    }

    private static String row(FactorScore f) {
        String kind = f.factor().kind().name().toLowerCase(Locale.ROOT);
        if (f.isDiscrete()) {
            return String.format(Locale.ROOT, "| %s | %s | %.4f | | |%n", f.label(), kind, f.accuracy());
        }
        return String.format(Locale.ROOT, "| %s | %s | | %.4f | %.4f |%n", f.label(), kind, f.meanAbsoluteError(),
                f.r2());
    }
}
