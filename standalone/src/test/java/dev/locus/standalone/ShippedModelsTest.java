package dev.locus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedModelsTest {

    @TempDir
    Path dir;

    @Test
    void anUpgradeReplacesOldWeightsOfTheSameSize() throws Exception {
        List<Path> folders = ShippedModels.unpack(dir);
        assertThat(folders).containsExactly(dir.resolve("synthfaces-32"));
        Path weights = dir.resolve("synthfaces-32").resolve("diffusion_pytorch_model.safetensors");
        byte[] shipped = Files.readAllBytes(weights);

        // what an older jar left behind: another checkpoint of the same architecture, byte for byte as long
        byte[] older = shipped.clone();
        older[older.length - 1] ^= 0x55;
        Files.write(weights, older);
        ShippedModels.unpack(dir);

        assertThat(Files.readAllBytes(weights)).isEqualTo(shipped);
        try (InputStream jar = ShippedModels.class.getResourceAsStream(
                "/locus-models/synthfaces-32/diffusion_pytorch_model.safetensors")) {
            assertThat(jar.readAllBytes()).isEqualTo(shipped);
        }
    }
}
