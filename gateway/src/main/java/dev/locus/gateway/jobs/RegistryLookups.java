package dev.locus.gateway.jobs;

import dev.locus.common.registry.DirectionRegistry;
import dev.locus.common.registry.DirectionVersion;
import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.ModelRecordRepository;
import dev.locus.common.registry.StoredImage;
import dev.locus.common.registry.StoredImageRepository;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link Lookups} on the registry tables. */
@Component
public class RegistryLookups implements Lookups {

    private final ModelRecordRepository models;
    private final StoredImageRepository images;
    private final DirectionRegistry directions;
    private final JsonMapper json;

    public RegistryLookups(ModelRecordRepository models, StoredImageRepository images, DirectionRegistry directions,
                           JsonMapper json) {
        this.models = models;
        this.images = images;
        this.directions = directions;
        this.json = json;
    }

    @Override
    public Optional<ModelRecord> model(String id) {
        return models.findById(id);
    }

    @Override
    public Optional<StoredImage> image(String id) {
        return id.length() == 64 ? images.findById(id) : Optional.empty();
    }

    @Override
    public ResolvedDirection direction(String ref) {
        DirectionVersion version = directions.resolve(ref);
        return new ResolvedDirection(version.getId(), version.ref(), version.getModelId(), version.getModelFingerprint(),
                labelCount(version.getLabels()), version.getSpace(), version.getSchedule());
    }

    int labelCount(String labels) {
        try {
            JsonNode node = json.readTree(labels);
            return node.isArray() ? node.size() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
