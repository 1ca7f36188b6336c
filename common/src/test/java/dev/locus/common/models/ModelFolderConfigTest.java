package dev.locus.common.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderConfigTest {

    @TempDir
    Path folder;

    @Test
    void readsTheClassResolutionAndChannelsAsDiffusersWritesThem() throws Exception {
        Files.writeString(folder.resolve("config.json"),
                "{\"_class_name\": \"UNet2DModel\", \"sample_size\": [64, 64], \"in_channels\": 4}");
        assertThat(ModelFolderConfig.read(folder)).isEqualTo(new ModelFolderConfig("UNet2DModel", 64, 4));

        Files.writeString(folder.resolve("config.json"), "{\"sample_size\": 32}");
        assertThat(ModelFolderConfig.read(folder)).isEqualTo(new ModelFolderConfig("UNet2DModel", 32, 3));
    }

    @Test
    void aConfigThatIsNotAJsonObjectIsRefusedNamingTheFile() throws Exception {
        Files.writeString(folder.resolve("config.json"), "[1, 2]");
        assertThatThrownBy(() -> ModelFolderConfig.read(folder)).hasMessageContaining("config.json");
        Files.writeString(folder.resolve("config.json"), "{not json");
        assertThatThrownBy(() -> ModelFolderConfig.read(folder)).hasMessageContaining("config.json");
        Files.delete(folder.resolve("config.json"));
        assertThatThrownBy(() -> ModelFolderConfig.read(folder)).hasMessageContaining("config.json");
    }
}
