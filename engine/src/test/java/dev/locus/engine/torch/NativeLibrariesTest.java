package dev.locus.engine.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes that start at once on an empty JavaCPP cache all come up. Without {@link NativeLibraries} each of
 * them loaded libtorch.so before libtorch_cpu.so was extracted and, on a host with another libtorch on its library
 * path (this project's machines have Debian's python3-torch), died with SIGSEGV in torch.&lt;clinit&gt;. Runs the
 * engine CLI's real entry point in separate JVMs.
 */
class NativeLibrariesTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");

    @Test
    void workersStartingTogetherOnAnEmptyCacheAllComeUp(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("javacpp-cache");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dorg.bytedeco.javacpp.cachedir=" + cache,
                    "dev.locus.engine.cli.LocusEngineCli", "info", "--model", FIXTURE.toString(), "--device", "cpu")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("jvm-" + i + ".log").toFile()).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("JVM %d finished", i).isTrue();
            String log = read(dir.resolve("jvm-" + i + ".log"));
            assertThat(process.exitValue()).as(log).isZero();
            assertThat(log).contains("fingerprint: sha256:").doesNotContain("SIGSEGV");
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
