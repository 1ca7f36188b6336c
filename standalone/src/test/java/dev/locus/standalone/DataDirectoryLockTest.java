package dev.locus.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileLock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLocusOnTheSameDataDirectoryIsRefusedWithTheHoldersPid() throws Exception {
        try (FileLock first = DataDirectoryLock.acquire(dir)) {
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("--data-dir");
        }
    }

    @Test
    void theDirectoryIsFreeAgainOnceTheHolderReleasesIt() throws Exception {
        DataDirectoryLock.acquire(dir).channel().close();
        try (FileLock again = DataDirectoryLock.acquire(dir)) {
            assertThat(again.isValid()).isTrue();
        }
    }
}
