package dev.locus.synthfaces.probe;

import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.io.SafetensorsWriter;
import dev.locus.engine.models.StateDictParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A resumable training state in one safetensors file: the weights ({@code model.*}), the optimizer's
 * moments ({@code adam.*}) and, in the metadata, the step and the training settings. Training batches are
 * a function of the step (seeds are numbered from it), so nothing else is needed to continue exactly.
 */
public record ProbeCheckpoint(FactorProbe probe, Map<String, Tensor> optimizerState, long step,
                              Map<String, String> metadata) {

    static final String STEP_KEY = "step";

    public static void save(Path file, FactorProbe probe, TensorAdamW optimizer, Map<String, String> settings) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        probe.parameters().forEach((name, t) -> tensors.put("model." + name, t));
        tensors.putAll(optimizer.state());
        Map<String, String> metadata = new LinkedHashMap<>(settings);
        metadata.putAll(ProbeFile.identity());
        metadata.put(STEP_KEY, Long.toString(optimizer.steps()));
        SafetensorsWriter.write(file, tensors, metadata);
    }

    public static ProbeCheckpoint load(Path file) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            Map<String, String> metadata = st.metadata();
            ProbeFile.check(file, metadata);
            Map<String, Tensor> tensors = st.loadAll(ScalarType.Float);
            FactorProbe probe = new FactorProbe(new StateDictParameters(ProbeFile.strip(tensors, "model."),
                    file.toString()), Plausibility.UNCALIBRATED);
            return new ProbeCheckpoint(probe, tensors, Long.parseLong(metadata.get(STEP_KEY)), metadata);
        }
    }
}
