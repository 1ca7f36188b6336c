package dev.locus.engine.training;

import dev.locus.engine.io.SafetensorsWriter;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.schedulers.SchedulerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * Writes a model as diffusers' {@code save_pretrained} would: {@code config.json},
 * {@code diffusion_pytorch_model.safetensors} (float32, canonical names) and
 * {@code scheduler_config.json}. {@link UNet2DLoader} and {@code UNet2DModel.from_pretrained} both
 * read it.
 */
public final class DiffusersExport {

    private DiffusersExport() {}

    /** Each file is replaced atomically; the weights go last, so a folder with them is complete. */
    public static void write(Path dir, UNet2DConfig config, Map<String, Tensor> weights, SchedulerConfig scheduler) {
        try {
            Files.createDirectories(dir);
            writeText(dir.resolve(UNet2DLoader.CONFIG), config.toJson());
            writeText(dir.resolve("scheduler_config.json"), scheduler.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        }
        // diffusers tags its safetensors files with the framework that wrote them.
        SafetensorsWriter.write(dir.resolve(UNet2DLoader.WEIGHTS), weights, Map.of("format", "pt"));
    }

    private static void writeText(Path file, String text) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text + "\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
