package dev.locus.worker.runtime;

import dev.locus.engine.methods.DirectionBasis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Direction bases as the bytes object storage holds: the engine's safetensors file. The engine
 * reads and writes files (memory-mapped), so the bytes pass through a temporary file.
 */
public final class BasisBytes {

    private BasisBytes() {}

    public static byte[] write(DirectionBasis basis) {
        Path file = temporary();
        try {
            basis.save(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    public static DirectionBasis read(byte[] bytes) {
        Path file = temporary();
        try {
            Files.write(file, bytes);
            return DirectionBasis.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    private static Path temporary() {
        try {
            return Files.createTempFile("locus-basis-", ".safetensors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
