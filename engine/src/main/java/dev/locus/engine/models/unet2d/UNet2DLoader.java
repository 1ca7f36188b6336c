package dev.locus.engine.models.unet2d;

import dev.locus.engine.io.SafetensorsException;
import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.models.Fingerprint;
import dev.locus.engine.models.ModelLoadException;
import dev.locus.engine.models.StateDictParameters;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads a diffusers UNet2DModel folder ({@code config.json} +
 * {@code diffusion_pytorch_model.safetensors}, as save_pretrained writes it), also the
 * {@code unet/} subfolder of a pipeline folder, onto a device in a dtype.
 */
public final class UNet2DLoader {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "diffusion_pytorch_model.safetensors";

    /** A model ready to run, with what the registry needs to know about it. */
    public record Loaded(UNet2DModel model, String fingerprint, Path folder, ComputeDevice device,
                         SchedulerConfig scheduler) {}

    private UNet2DLoader() {}

    public static Loaded load(Path folder, ComputeDevice device) {
        Path dir = modelDir(folder);
        UNet2DConfig config = readConfig(dir.resolve(CONFIG));
        Map<String, Tensor> stateDict = readWeights(dir.resolve(WEIGHTS));

        // Build once on the CPU in float32 to validate names and shapes and to fingerprint
        // the exact values; then hand the canonical tensors over on the target device.
        UNet2DModel cpuModel = new UNet2DModel(config, new StateDictParameters(stateDict, dir.resolve(WEIGHTS).toString()));
        String fingerprint = Fingerprint.of(config.toJson(), cpuModel.parameters());
        Map<String, Tensor> placed = new LinkedHashMap<>();
        cpuModel.parameters().forEach((name, t) -> placed.put(name, t.to(device.device(), device.dtype()).contiguous()));
        UNet2DModel model = new UNet2DModel(config, new StateDictParameters(placed, dir.toString()));
        stateDict.values().forEach(Tensor::close);
        return new Loaded(model, fingerprint, dir, device, readScheduler(folder, dir));
    }

    /** The folder holding config.json: the given one or its unet/ subfolder. */
    static Path modelDir(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ModelLoadException("model folder " + folder + " does not exist");
        }
        if (Files.isRegularFile(folder.resolve(CONFIG))) {
            return folder;
        }
        if (Files.isRegularFile(folder.resolve("unet").resolve(CONFIG))) {
            return folder.resolve("unet");
        }
        throw new ModelLoadException("no " + CONFIG + " in " + folder + " (expected a diffusers model folder)");
    }

    private static UNet2DConfig readConfig(Path file) {
        try {
            return UNet2DConfig.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw new ModelLoadException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Tensor> readWeights(Path file) {
        if (!Files.isRegularFile(file)) {
            Path bin = file.resolveSibling("diffusion_pytorch_model.bin");
            throw new ModelLoadException("no " + WEIGHTS + " in " + file.getParent()
                    + (Files.exists(bin) ? " (pickled .bin weights are not supported: convert them to safetensors)" : ""));
        }
        try (SafetensorsFile weights = SafetensorsFile.open(file)) {
            return weights.loadAll(torch.ScalarType.Float);
        } catch (SafetensorsException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
    }

    /** scheduler_config.json beside the model or in a pipeline's scheduler/ folder, if any. */
    private static SchedulerConfig readScheduler(Path folder, Path dir) {
        for (Path candidate : new Path[] {dir.resolve("scheduler_config.json"),
                folder.resolve("scheduler").resolve("scheduler_config.json"), folder.resolve("scheduler_config.json")}) {
            if (Files.isRegularFile(candidate)) {
                try {
                    return SchedulerConfig.fromJson(Files.readString(candidate));
                } catch (IOException | RuntimeException e) {
                    throw new ModelLoadException(candidate + ": " + e.getMessage(), e);
                }
            }
        }
        return SchedulerConfig.ddpmDefault();
    }
}
