package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.FactorKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One image's reading as JSON-ready maps, keyed by factor id: continuous factors as the normalised value
 * and the raw one; binary as true/false with P(yes) and confidence; categorical as the class name with its
 * index, confidence and every class's probability.
 */
public final class ReadingJson {

    private ReadingJson() {}

    public static Map<String, Object> of(FaceReading reading, Plausibility rule) {
        Map<String, Object> factors = new LinkedHashMap<>();
        for (FactorReading r : reading.factors()) {
            factors.put(r.factor().id(), factor(r));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plausible", reading.plausible());
        out.put("plausibility", reading.plausibility());
        out.put("threshold", rule.threshold());
        out.put("factors", factors);
        return out;
    }

    private static Map<String, Object> factor(FactorReading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.factor().kind() == FactorKind.CONTINUOUS) {
            m.put("value", r.value());
            m.put("raw", r.raw());
            return m;
        }
        if (r.factor().kind() == FactorKind.BINARY) {
            m.put("value", r.classIndex() == 1);
            m.put("probability", r.value());
            m.put("confidence", r.confidence());
            return m;
        }
        m.put("value", r.className());
        m.put("class", r.classIndex());
        m.put("confidence", r.confidence());
        Map<String, Object> probabilities = new LinkedHashMap<>();
        for (int c = 0; c < r.probabilities().length; c++) {
            probabilities.put(r.factor().classes().get(c), r.probabilities()[c]);
        }
        m.put("probabilities", probabilities);
        return m;
    }
}
