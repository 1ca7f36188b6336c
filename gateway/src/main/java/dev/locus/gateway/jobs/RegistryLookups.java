package dev.locus.gateway.jobs;

import dev.locus.common.registry.DirectionRegistry;
import dev.locus.common.registry.DirectionVersion;
import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.ModelRecordRepository;
import dev.locus.common.registry.StoredImage;
import dev.locus.common.registry.StoredImageRepository;
import dev.locus.common.storage.BlobStore;
import dev.locus.engine.api.images.MaskPixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link Lookups} on the registry tables. */
@Component
public class RegistryLookups implements Lookups {

    private final ModelRecordRepository models;
    private final StoredImageRepository images;
    private final DirectionRegistry directions;
    private final BlobStore blobs;
    private final JsonMapper json;

    public RegistryLookups(ModelRecordRepository models, StoredImageRepository images, DirectionRegistry directions,
                           BlobStore blobs, JsonMapper json) {
        this.models = models;
        this.images = images;
        this.directions = directions;
        this.blobs = blobs;
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
    public int maskPixelsInside(StoredImage mask) {
        byte[] bytes = blobs.get(StoredImage.storageKey(mask.getId()));
        try {
            // the upload was decoded when it was accepted, so this cannot fail on the format
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            return MaskPixels.count(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode stored image " + mask.getId(), e);
        }
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
