package dev.locus.gateway.jobs;

import dev.locus.common.registry.DirectionNotFoundException;
import dev.locus.common.registry.DirectionRef;
import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.StoredImage;
import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.Schedule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory registry for validator tests. */
class FakeLookups implements Lookups {

    static final String FP_A = "a".repeat(64);
    static final String FP_B = "b".repeat(64);

    final Map<String, ModelRecord> models = new HashMap<>();
    final Map<String, StoredImage> images = new HashMap<>();
    final Map<String, ResolvedDirection> directions = new HashMap<>();
    /** Pixels inside each mask; a mask not listed selects its upper half. */
    final Map<String, Integer> insidePixels = new HashMap<>();

    FakeLookups() {
        model("faces", FP_A, 32);
        model("other", FP_B, 64);
    }

    void model(String id, String fingerprint, int size) {
        models.put(id, new ModelRecord(id, id, fingerprint, "UNet2DModel", size, 3, "summary", Instant.EPOCH));
    }

    String image(char c, int width, int height) {
        String id = String.valueOf(c).repeat(64);
        images.put(id, new StoredImage(id, "image/png", width, height, 100, Instant.EPOCH));
        return id;
    }

    ResolvedDirection direction(String ref, String modelId, String fingerprint, int labels) {
        return direction(ref, modelId, fingerprint, labels, DirectionSpace.X_T, Schedule.ddim(Schedule.Spacing.LEADING, 50, 0.0));
    }

    ResolvedDirection direction(String ref, String modelId, String fingerprint, int labels, DirectionSpace space,
                                Schedule schedule) {
        ResolvedDirection d = new ResolvedDirection(UUID.nameUUIDFromBytes(ref.getBytes()), ref, modelId, fingerprint,
                labels, space, schedule);
        directions.put(ref, d);
        return d;
    }

    @Override
    public Optional<ModelRecord> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    @Override
    public Optional<StoredImage> image(String id) {
        return Optional.ofNullable(images.get(id));
    }

    @Override
    public int maskPixelsInside(StoredImage mask) {
        return insidePixels.getOrDefault(mask.getId(), mask.getWidth() * mask.getHeight() / 2);
    }

    @Override
    public ResolvedDirection direction(String ref) {
        DirectionRef.parse(ref);
        ResolvedDirection d = directions.get(ref);
        if (d == null) {
            throw new DirectionNotFoundException("no direction " + ref);
        }
        return d;
    }
}
