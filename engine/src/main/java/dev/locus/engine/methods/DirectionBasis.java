package dev.locus.engine.methods;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.Method;
import dev.locus.engine.api.Schedule;
import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.io.SafetensorsWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of edit directions found on one image, with everything needed to reproduce and apply
 * them: the (projected) directions, the raw ones, singular values, the null-space basis, and the
 * provenance (method, parameters, model fingerprint, level and schedule, mask and source hashes).
 *
 * @param method     how they were found; it says their space ({@link #space()})
 * @param vectors    the directions to apply, [k, ...] (unit norm for LOCO)
 * @param rawVectors the directions before projection (equal to vectors without projection)
 * @param nullBasis  rows spanning what the projection removed, [r', d], or null
 * @param labels     one label per vector ("roi/0", "eyes/individual/1", "joint/0", ...)
 * @param parameters method parameters as strings
 * @param level      the timestep (diffusers' sense: 600 of 1000) the directions were found at: the level of the
 *                   schedule nearest t_edit x T, where an x_t direction is added; stored under "timestep"
 * @param schedule   the schedule that level belongs to
 */
public record DirectionBasis(
        Method method,
        Tensor vectors,
        Tensor rawVectors,
        Tensor singularValues,
        Tensor nullBasis,
        Tensor nullSingularValues,
        List<String> labels,
        Map<String, String> parameters,
        String modelFingerprint,
        double level,
        Schedule schedule,
        String maskHash,
        String sourceImageHash) {

    public static final String FORMAT = "locus.direction-basis/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public DirectionBasis {
        labels = List.copyOf(labels);
        parameters = Map.copyOf(parameters);
        if (labels.size() != vectors.size(0)) {
            throw new IllegalArgumentException(labels.size() + " labels for " + vectors.size(0) + " vectors");
        }
    }

    /** Where the vectors live: x_t (added to the noisy image once) or h (added to the mid-block output at every step). */
    public DirectionSpace space() {
        return method.space();
    }

    public int size() {
        return (int) vectors.size(0);
    }

    /** Direction {@code index} with the vector shape, e.g. [C, H, W] for x_t space. */
    public Tensor vector(int index) {
        if (index < 0 || index >= size()) {
            throw new InvalidInputException("direction index " + index + " out of range: the basis has " + size() + " vectors");
        }
        return vectors.select(0, index);
    }

    public void save(Path file) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("vectors", vectors.to(torch.ScalarType.Float).cpu());
        tensors.put("raw_vectors", rawVectors.to(torch.ScalarType.Float).cpu());
        tensors.put("singular_values", singularValues.to(torch.ScalarType.Float).cpu());
        if (nullBasis != null) {
            tensors.put("null_basis", nullBasis.to(torch.ScalarType.Float).cpu());
            tensors.put("null_singular_values", nullSingularValues.to(torch.ScalarType.Float).cpu());
        }
        ObjectNode meta = JSON.createObjectNode();
        meta.put("method", method.name());
        meta.put("space", method.space().id());
        labels.forEach(meta.putArray("labels")::add);
        ObjectNode params = meta.putObject("parameters");
        new java.util.TreeMap<>(parameters).forEach(params::put);
        meta.put("model_fingerprint", modelFingerprint);
        meta.put("timestep", level);
        ObjectNode scheduleNode = meta.putObject("schedule");
        scheduleNode.put("kind", schedule.kind().name());
        scheduleNode.put("steps", schedule.steps());
        if (schedule.spacing() != null) {
            scheduleNode.put("spacing", schedule.spacing().id());
        }
        scheduleNode.put("eta", schedule.eta());
        scheduleNode.put("quality_boost", schedule.qualityBoost());
        meta.put("mask_hash", maskHash);
        meta.put("source_image_hash", sourceImageHash);
        SafetensorsWriter.write(file, tensors, Map.of("format", FORMAT, "locus", meta.toString()));
    }

    public static DirectionBasis load(Path file) {
        try (SafetensorsFile stored = SafetensorsFile.open(file)) {
            if (!FORMAT.equals(stored.metadata().get("format"))) {
                throw new IllegalArgumentException(file + " is not a Locus direction basis (format "
                        + stored.metadata().get("format") + ")");
            }
            JsonNode meta = JSON.readTree(stored.metadata().get("locus"));
            List<String> labels = new java.util.ArrayList<>();
            meta.get("labels").forEach(l -> labels.add(l.asString()));
            Map<String, String> params = new LinkedHashMap<>();
            meta.get("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
            boolean hasNull = stored.names().contains("null_basis");
            Method method = Method.valueOf(meta.get("method").asString());
            if (method.space() != DirectionSpace.fromId(meta.get("space").asString())) {
                throw new IllegalArgumentException(file + " says its " + method + " directions live in space "
                        + meta.get("space").asString());
            }
            return new DirectionBasis(method,
                    stored.load("vectors", torch.ScalarType.Float), stored.load("raw_vectors", torch.ScalarType.Float),
                    stored.load("singular_values", torch.ScalarType.Float),
                    hasNull ? stored.load("null_basis", torch.ScalarType.Float) : null,
                    hasNull ? stored.load("null_singular_values", torch.ScalarType.Float) : null,
                    labels, params, meta.get("model_fingerprint").asString(), meta.get("timestep").asDouble(),
                    schedule(meta.get("schedule")), meta.get("mask_hash").asString(),
                    meta.get("source_image_hash").asString());
        }
    }

    /** A stored schedule: an object, or the text that files written before schedules were data hold. */
    private static Schedule schedule(JsonNode node) {
        if (node.isString()) {
            return Schedule.fromDescription(node.asString());
        }
        JsonNode spacing = node.get("spacing");
        return new Schedule(Schedule.Kind.valueOf(node.get("kind").asString()), node.get("steps").asInt(),
                spacing == null ? null : Schedule.Spacing.fromId(spacing.asString()), node.get("eta").asDouble(),
                node.get("quality_boost").asBoolean());
    }
}
