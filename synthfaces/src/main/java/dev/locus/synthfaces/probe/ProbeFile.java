package dev.locus.synthfaces.probe;

import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.io.SafetensorsWriter;
import dev.locus.engine.models.StateDictParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The probe's weights as safetensors, with metadata that says what they are for: input size, factor
 * schema and the calibrated plausibility threshold. Loading refuses a file made for another schema or
 * input size, since its outputs would mean something else.
 */
public final class ProbeFile {

    public static final String FORMAT = "locus-factor-probe";
    static final String FORMAT_KEY = "format";
    static final String INPUT_SIZE_KEY = "input_size";
    static final String SCHEMA_KEY = "factor_schema";
    static final String THRESHOLD_KEY = "plausibility_threshold";

    private ProbeFile() {}

    /** Writes the probe's weights; {@code extra} adds free-form metadata (training steps, accuracy). */
    public static void save(FactorProbe probe, Path file, Map<String, String> extra) {
        Map<String, String> metadata = new TreeMap<>(extra);
        metadata.putAll(identity());
        metadata.put(THRESHOLD_KEY, Double.toString(probe.plausibility().threshold()));
        SafetensorsWriter.write(file, probe.parameters(), metadata);
    }

    /** The probe in {@code file}, with the plausibility threshold stored there. */
    public static FactorProbe load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such probe weights file");
        }
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            Map<String, String> metadata = st.metadata();
            check(file, metadata);
            StateDictParameters params = new StateDictParameters(st.loadAll(ScalarType.Float), file.toString());
            FactorProbe probe = new FactorProbe(params, new Plausibility(threshold(file, metadata)));
            if (!params.unused().isEmpty()) {
                throw new IllegalArgumentException(file + ": tensors the probe does not use: " + params.unused());
            }
            return probe;
        }
    }

    /** The metadata of {@code file}, e.g. for a model card or an evaluation report. */
    public static Map<String, String> metadata(Path file) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            return st.metadata();
        }
    }

    /** Metadata every probe file and checkpoint carries. */
    static Map<String, String> identity() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT_KEY, FORMAT);
        m.put(INPUT_SIZE_KEY, Integer.toString(FactorProbe.INPUT_SIZE));
        m.put(SCHEMA_KEY, ProbeSchema.version());
        return m;
    }

    /** Fails unless {@code metadata} says the file is a probe for this input size and factor schema. */
    static void check(Path file, Map<String, String> metadata) {
        if (!FORMAT.equals(metadata.get(FORMAT_KEY))) {
            throw new IllegalArgumentException(file + ": not a factor probe file (metadata format is "
                    + metadata.get(FORMAT_KEY) + ", expected " + FORMAT + ")");
        }
        String size = Integer.toString(FactorProbe.INPUT_SIZE);
        if (!size.equals(metadata.get(INPUT_SIZE_KEY))) {
            throw new IllegalArgumentException(file + ": probe for " + metadata.get(INPUT_SIZE_KEY)
                    + " px images; this build reads " + size + " px");
        }
        if (!ProbeSchema.version().equals(metadata.get(SCHEMA_KEY))) {
            throw new IllegalArgumentException(file + ": trained for another factor schema; retrain the probe ("
                    + metadata.get(SCHEMA_KEY) + " vs " + ProbeSchema.version() + ")");
        }
    }

    private static double threshold(Path file, Map<String, String> metadata) {
        String text = metadata.get(THRESHOLD_KEY);
        try {
            return text == null ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": bad " + THRESHOLD_KEY + " '" + text + "'");
        }
    }

    /** Tensors whose names start with {@code prefix}, with the prefix taken off. */
    static Map<String, Tensor> strip(Map<String, Tensor> tensors, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        return out;
    }
}
