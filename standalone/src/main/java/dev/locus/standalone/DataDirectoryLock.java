package dev.locus.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One local Locus per data directory. A second one would find Kafka's log directory locked only after
 * PostgreSQL and S3 had started, and Kafka's fatal-error path ends the JVM without stopping them; an OS file lock,
 * taken first, turns that into a clear message. The OS releases the lock when the process ends, however it ends.
 */
final class DataDirectoryLock {

    static final String FILE = "locus.lock";

    private static final Map<Path, FileLock> HELD = new HashMap<>();

    private DataDirectoryLock() {
    }

    /** Locks {@code dir} for the life of this JVM, or fails naming the process that holds it. */
    static synchronized FileLock acquire(Path dir) {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        // Asked twice in one JVM, the OS lock cannot tell (it is per process), and opening the file again to find
        // out would release it (POSIX drops a process's locks on any close of the file): remember our own.
        FileLock ours = HELD.get(file);
        if (ours != null && ours.isValid()) {
            throw new IllegalStateException("another Locus (pid " + ProcessHandle.current().pid()
                    + ", this process) is running with data directory " + dir + "; stop it, or pass another --data-dir");
        }
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("another Locus (" + (holder.isEmpty() ? "unknown process" : holder)
                        + ") is running with data directory " + dir + "; stop it, or pass another --data-dir");
            }
            HELD.put(file, lock);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dir, e);
        }
    }
}
