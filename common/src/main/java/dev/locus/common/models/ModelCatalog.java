package dev.locus.common.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured model folders by id (the folder name). Folders that do not exist fail startup. */
public class ModelCatalog {

    private final Map<String, Path> folders = new LinkedHashMap<>();

    public ModelCatalog(ModelProperties properties) {
        for (Path path : properties.paths()) {
            Path folder = path.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("locus.models.paths: model folder " + folder + " does not exist");
            }
            String id = folder.getFileName().toString();
            Path clash = folders.putIfAbsent(id, folder);
            if (clash != null) {
                throw new IllegalStateException("locus.models.paths: two model folders are named " + id + ": "
                        + clash + " and " + folder);
            }
        }
    }

    public Map<String, Path> folders() {
        return Map.copyOf(folders);
    }

    public Optional<Path> folder(String id) {
        return Optional.ofNullable(folders.get(id));
    }
}
