package dev.locus.common.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    @TempDir
    Path dir;

    @Test
    void registersFoldersByName() throws Exception {
        Path model = Files.createDirectories(dir.resolve("synthfaces-32"));
        ModelCatalog catalog = new ModelCatalog(new ModelProperties(List.of(model), "cpu", "float32", 0));
        assertThat(catalog.folder("synthfaces-32")).contains(model.toAbsolutePath().normalize());
        assertThat(catalog.folder("other")).isEmpty();
    }

    @Test
    void refusesMissingFoldersAndDuplicateNames() throws Exception {
        assertThatThrownBy(() -> new ModelCatalog(new ModelProperties(List.of(dir.resolve("nope")), "cpu", "float32", 0)))
                .hasMessageContaining("does not exist");
        Path a = Files.createDirectories(dir.resolve("a/m"));
        Path b = Files.createDirectories(dir.resolve("b/m"));
        assertThatThrownBy(() -> new ModelCatalog(new ModelProperties(List.of(a, b), "cpu", "float32", 0)))
                .hasMessageContaining("two model folders are named m");
    }
}
