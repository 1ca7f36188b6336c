package dev.locus.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The local servers' addresses and credentials as a Spring properties file in the data directory, owner-readable
 * only: an edit or direction worker started outside the local mode joins it with
 * {@code --spring.config.additional-location=file:<data-dir>/worker.properties}. The ports are kept across
 * restarts, so such a worker reconnects after the local mode restarts.
 */
final class WorkerSettings {

    static final String FILE = "worker.properties";

    private WorkerSettings() {}

    static Path write(Path dataDir, Map<String, Object> connection) {
        Path file = dataDir.resolve(FILE);
        Properties p = new Properties();
        connection.forEach((key, value) -> p.setProperty(key, String.valueOf(value)));
        try {
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own access rules apply
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "How a worker started outside the local mode reaches its servers");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
