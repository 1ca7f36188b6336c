package dev.locus.engine.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of checkpoints named {@code checkpoint-<step>.safetensors}, keeping the newest few: the
 * latest to resume from, and the one before in case the latest turns out bad. The checkpoint at the
 * start of a cool-down is also kept for good as {@code branch-<step>.safetensors}: once the rate has
 * decayed a run cannot be extended, but a longer one can resume from there (copy it into a fresh work
 * folder as a checkpoint).
 */
public final class CheckpointDirectory {

    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.safetensors");

    private final Path dir;
    private final int keep;

    /** @param keep how many checkpoints to leave on disk, at least 1 */
    public CheckpointDirectory(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint");
        }
        this.dir = dir;
        this.keep = keep;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the checkpoint (atomically), then deletes all but the newest {@code keep} (never a branch file). */
    public Path save(Checkpoint checkpoint) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Path file = dir.resolve(String.format("checkpoint-%08d.safetensors", checkpoint.step()));
        checkpoint.write(file);
        if (checkpoint.step() == checkpoint.training().cooldownStart()) {
            try {
                Files.copy(file, branchFile(checkpoint.step()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the cool-down's first checkpoint as " + branchFile(checkpoint.step()), e);
            }
        }
        List<Path> all = list();
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + old, e);
            }
        }
        return file;
    }

    /** Where the checkpoint at the start of a cool-down at {@code step} is kept for good. */
    public Path branchFile(long step) {
        return dir.resolve(String.format("branch-%08d.safetensors", step));
    }

    /** The checkpoint with the highest step, if any. */
    public Optional<Path> latest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Checkpoint files by ascending step; half-written temp files do not match the name. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CheckpointDirectory::stepOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " is not a checkpoint name");
        }
        return Long.parseLong(m.group(1));
    }
}
