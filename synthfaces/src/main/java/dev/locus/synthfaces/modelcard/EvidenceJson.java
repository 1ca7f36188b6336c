package dev.locus.synthfaces.modelcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@link ModelCardEvidence} as {@code evaluation.json}: plain keys, shares rounded to 6 decimals. */
public final class EvidenceJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvidenceJson() {}

    public static void write(ModelCardEvidence e, Path file) {
        try {
            Files.writeString(file, toJson(e) + "\n");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    public static String toJson(ModelCardEvidence e) {
        return JSON.writeValueAsString(toMap(e));
    }

    static Map<String, Object> toMap(ModelCardEvidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", e.model());
        m.put("model_fingerprint", e.fingerprint());
        m.put("samples", e.samples());
        m.put("steps", e.steps());
        m.put("seed", e.seed());
        Map<String, Object> sampler = new LinkedHashMap<>();
        sampler.put("scheduler", "ddim");
        sampler.put("eta", e.eta());
        sampler.put("batch_size", e.batchSize());
        sampler.put("device", "cpu");
        m.put("sampler", sampler);
        m.put("plausible_rate", round(e.plausibleRate()));
        m.put("plausible_count", e.plausibleCount());
        m.put("mean_plausibility_score", round(e.meanScore()));
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("weights", e.probe());
        probe.put("plausibility_rule", e.rule());
        probe.put("plausibility_threshold", round(e.threshold()));
        m.put("probe", probe);
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("description", "the generator's own faces read by the same probe: the probe's bias, "
                + "what a perfect model would score");
        reference.put("count", e.referenceCount());
        reference.put("first_seed", e.referenceFirstSeed());
        reference.put("plausible_rate", round(e.referencePlausibleRate()));
        reference.put("mean_plausibility_score", round(e.referenceMeanScore()));
        m.put("reference", reference);
        m.put("mean_tv_distance", round(FactorComparison.meanTv(e.factors())));
        m.put("mean_tv_distance_reference", round(FactorComparison.meanReferenceTv(e.factors())));
        Map<String, Object> factors = new LinkedHashMap<>();
        for (FactorComparison f : e.factors()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", f.factor().kind().name().toLowerCase(java.util.Locale.ROOT));
            row.put("classes", f.classes());
            row.put("model", round(f.model()));
            row.put("generator", round(f.generator()));
            row.put("probe_on_generator_faces", round(f.reference()));
            row.put("tv_distance", round(f.tv()));
            row.put("tv_distance_probe_on_generator_faces", round(f.referenceTv()));
        row.put("tv_distance_model_vs_probe_on_generator_faces", round(f.tvFromReference()));
            row.put("sampling_noise", round(f.samplingNoise()));
            factors.put(f.factor().id(), row);
        }
        m.put("factors", factors);
        ModelCardEvidence.LossSummary loss = e.loss();
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("file", loss.file());
        l.put("training_steps", loss.steps());
        l.put("last_loss", round(loss.lastLoss()));
        l.put("last_smoothed_loss", round(loss.lastSmoothed()));
        l.put("lowest_smoothed_loss", round(loss.lowestSmoothed()));
        l.put("lowest_smoothed_loss_step", loss.lowestAt());
        m.put("loss", l);
        m.put("sampling_seconds", round3(e.samplingSeconds()));
        m.put("wall_time_seconds", round3(e.wallSeconds()));
        m.put("files", List.of("samples.png", "loss-curve.png", "evaluation.json", "evaluation.md"));
        return m;
    }

    private static Object round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
    }

    private static double round3(double v) {
        return Math.round(v * 1e3) / 1e3;
    }

    private static List<Object> round(double[] v) {
        return Arrays.stream(v).mapToObj(EvidenceJson::round).toList();
    }
}
