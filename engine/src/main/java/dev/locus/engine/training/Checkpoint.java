package dev.locus.engine.training;

import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.io.SafetensorsWriter;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.pytorch.Tensor;

/**
 * Everything a run needs to continue bit for bit: weights, EMA weights, AdamW state, the state of
 * the generator that draws timesteps and noise, the loss history, the step and both configs.
 *
 * <p>Stored as one safetensors file, so it is written atomically (temp file, then rename) and a
 * crash leaves either the previous checkpoint or the new one. Tensors are named
 * {@code weights.<param>}, {@code ema.<param>}, {@code optimizer.adamw} (libtorch archive bytes),
 * {@code rng.state} and {@code losses}; the configs are JSON strings in {@code __metadata__}.
 *
 * @param emaAgeAtStart EMA updates the average had when the run began (a warm start continues another run's)
 */
public record Checkpoint(long step, long emaAgeAtStart, UNet2DConfig unet, TrainingConfig training, Map<String, Tensor> weights,
                         Map<String, Tensor> ema, Tensor optimizer, Tensor rngState, Tensor losses) {

    static final String FORMAT = "locus-ddpm-checkpoint/1";

    private static final String WEIGHTS = "weights.";
    private static final String EMA = "ema.";
    private static final String OPTIMIZER = "optimizer.adamw";
    private static final String RNG = "rng.state";
    private static final String LOSSES = "losses";

    public void write(Path file) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        weights.forEach((name, t) -> tensors.put(WEIGHTS + name, t));
        ema.forEach((name, t) -> tensors.put(EMA + name, t));
        tensors.put(OPTIMIZER, optimizer);
        tensors.put(RNG, rngState);
        tensors.put(LOSSES, losses);
        SafetensorsWriter.write(file, tensors, Map.of(
                "format", FORMAT,
                "step", Long.toString(step),
                "ema_age_at_start", Long.toString(emaAgeAtStart),
                "unet_config", unet.toJson(),
                "training_config", training.toJson()));
    }

    /**
     * How a run configured with {@code unet} and {@code training} would differ from the one that
     * wrote this checkpoint, one phrase per setting; empty when it continues the same run.
     */
    public List<String> differencesFrom(UNet2DConfig unet, TrainingConfig training) {
        List<String> out = architectureDifferencesFrom(unet);
        out.addAll(training.differencesFrom(this.training, step));
        return out;
    }

    /** How {@code unet} differs from the model this checkpoint holds, one phrase per setting. */
    public List<String> architectureDifferencesFrom(UNet2DConfig unet) {
        return architectureDifferences(this.unet, unet, "the checkpoint");
    }

    /** How {@code requested} differs from {@code saved} (held by {@code holder}), one phrase per setting. */
    static List<String> architectureDifferences(UNet2DConfig saved, UNet2DConfig requested, String holder) {
        List<String> out = new ArrayList<>();
        for (RecordComponent component : UNet2DConfig.class.getRecordComponents()) {
            Object was = value(component, saved);
            Object wanted = value(component, requested);
            if (!Objects.equals(was, wanted)) {
                out.add(component.getName() + " " + wanted + " (" + holder + " has " + was + ")");
            }
        }
        return out;
    }

    public static Checkpoint read(Path file) {
        try (SafetensorsFile in = SafetensorsFile.open(file)) {
            Map<String, String> meta = in.metadata();
            if (!FORMAT.equals(meta.get("format"))) {
                throw new IllegalArgumentException(file + " is not a Locus DDPM checkpoint (format "
                        + meta.get("format") + ", expected " + FORMAT + ")");
            }
            Map<String, Tensor> weights = new LinkedHashMap<>();
            Map<String, Tensor> ema = new LinkedHashMap<>();
            for (String name : in.names()) {
                if (name.startsWith(WEIGHTS)) {
                    weights.put(name.substring(WEIGHTS.length()), in.load(name));
                } else if (name.startsWith(EMA)) {
                    ema.put(name.substring(EMA.length()), in.load(name));
                }
            }
            // absent in checkpoints written before warm starts kept the EMA's age
            long emaAge = Long.parseLong(meta.getOrDefault("ema_age_at_start", "0"));
            return new Checkpoint(Long.parseLong(meta.get("step")), emaAge, UNet2DConfig.fromJson(meta.get("unet_config")),
                    TrainingConfig.fromJson(meta.get("training_config")), weights, ema, in.load(OPTIMIZER),
                    in.load(RNG), in.load(LOSSES));
        }
    }

    private static Object value(RecordComponent component, UNet2DConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
