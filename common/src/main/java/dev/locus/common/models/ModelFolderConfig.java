package dev.locus.common.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service that does not run models reads from a diffusers model folder: its {@code config.json}'s class,
 * resolution and channels, as diffusers writes them. Loading the weights, validating them and fingerprinting them
 * is the workers' part.
 *
 * @param sampleSize the side of the images it takes ({@code sample_size}, the first if a list; 0 when absent)
 */
public record ModelFolderConfig(String modelClass, int sampleSize, int inChannels) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ModelFolderConfig read(Path folder) {
        Path file = folder.resolve("config.json");
        JsonNode config;
        try {
            config = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object");
        }
        JsonNode size = config.get("sample_size");
        int sampleSize = size == null || size.isNull() ? 0 : size.isArray() ? size.get(0).asInt() : size.asInt();
        JsonNode channels = config.get("in_channels");
        JsonNode modelClass = config.get("_class_name");
        return new ModelFolderConfig(modelClass == null ? "UNet2DModel" : modelClass.asString(), sampleSize,
                channels == null || channels.isNull() ? 3 : channels.asInt());
    }
}
