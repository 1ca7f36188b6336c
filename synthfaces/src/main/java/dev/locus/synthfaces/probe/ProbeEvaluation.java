package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.FaceFactors;
import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bytedeco.javacpp.PointerScope;

/**
 * Scores a probe on freshly generated held-out faces.
 *
 * <p>Besides one row per factor, it reports iris colour and gaze on faces whose eyes are open enough to
 * show the iris: below an openness of about 0.05 the lids meet and neither is in the picture at all, and up
 * to about 0.3 only a sliver a pixel high shows at 32x32, so the unconditional scores of these two are
 * capped by the generator, not the probe.
 */
public final class ProbeEvaluation {

    /** Eye openness from which the iris is at least about a pixel high at 32x32. */
    public static final double IRIS_VISIBLE_OPENNESS = 0.3;

    private static final int CHUNK = 250;

    private ProbeEvaluation() {}

    public static EvaluationReport evaluate(FactorProbe probe, long firstSeed, int count) {
        List<FaceFactors> truth = new ArrayList<>(count);
        List<FaceReading> readings = new ArrayList<>(count);
        for (int start = 0; start < count; start += CHUNK) {
            FaceBatch batch = FaceBatch.render(firstSeed + start, Math.min(CHUNK, count - start));
            try (PointerScope scope = new PointerScope()) {
                readings.addAll(probe.read(batch.images()).faces());
            }
            truth.addAll(batch.factors());
        }
        List<FactorScore> rows = new ArrayList<>();
        for (Factor f : Factor.values()) {
            rows.add(score(f, "", truth, readings, i -> true));
        }
        Predicate<Integer> irisVisible = i -> truth.get(i).eyeOpenness() >= IRIS_VISIBLE_OPENNESS;
        String condition = "eye_openness >= " + IRIS_VISIBLE_OPENNESS;
        List<FactorScore> conditional = List.of(
                score(Factor.IRIS_COLOUR, condition, truth, readings, irisVisible),
                score(Factor.GAZE, condition, truth, readings, irisVisible));
        double plausible = readings.stream().filter(FaceReading::plausible).count() / (double) count;
        return new EvaluationReport(firstSeed, count, rows, conditional, plausible);
    }

    static FactorScore score(Factor f, String condition, List<FaceFactors> truth, List<FaceReading> readings,
            Predicate<Integer> include) {
        int n = 0;
        int correct = 0;
        double absError = 0;
        double sumSq = 0;
        double sum = 0;
        double sumTruthSq = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (!include.test(i)) {
                continue;
            }
            n++;
            FactorReading r = readings.get(i).get(f);
            double actual = f.get(truth.get(i));
            if (r.classIndex() == (int) actual) {
                correct++;
            }
            double t = f.normalize(actual);
            double e = r.value() - t;
            absError += Math.abs(e);
            sumSq += e * e;
            sum += t;
            sumTruthSq += t * t;
        }
        if (f.kind() == FactorKind.CONTINUOUS) {
            double variance = sumTruthSq - sum * sum / n; // total sum of squares about the mean
            return new FactorScore(f, condition, n, Double.NaN, absError / n, 1 - sumSq / variance);
        }
        return new FactorScore(f, condition, n, correct / (double) n, Double.NaN, Double.NaN);
    }
}
