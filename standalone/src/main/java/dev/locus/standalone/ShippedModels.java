package dev.locus.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The models packed into the standalone jar (the repository's {@code models/synthfaces-32}),
 * unpacked into the data directory so the engine can read them as ordinary diffusers folders.
 */
final class ShippedModels {

    static final List<String> MODELS = List.of("synthfaces-32");
    private static final List<String> FILES = List.of("config.json", "diffusion_pytorch_model.safetensors",
            "scheduler_config.json");

    private ShippedModels() {}

    /** The folders of the shipped models, unpacked under {@code dir} (rewritten when the jar's copy differs). */
    static List<Path> unpack(Path dir) {
        List<Path> folders = new ArrayList<>();
        for (String model : MODELS) {
            Path folder = dir.resolve(model);
            boolean found = false;
            for (String file : FILES) {
                found |= copy("/locus-models/" + model + "/" + file, folder.resolve(file));
            }
            if (found) {
                folders.add(folder);
            }
        }
        return folders;
    }

    private static boolean copy(String resource, Path target) {
        try (InputStream in = ShippedModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            byte[] bytes = in.readAllBytes();
            // by content: retrained checkpoints of the same architecture have exactly the same size
            if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
                Files.createDirectories(target.getParent());
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                Files.write(partial, bytes);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + resource + " to " + target, e);
        }
    }
}
