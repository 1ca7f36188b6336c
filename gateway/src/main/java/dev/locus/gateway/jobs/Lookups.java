package dev.locus.gateway.jobs;

import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.StoredImage;
import java.util.Optional;
import java.util.UUID;

/** What request validation reads from the registry; a plain interface so validators test without a database. */
public interface Lookups {

    Optional<ModelRecord> model(String id);

    Optional<StoredImage> image(String id);

    /**
     * @throws dev.locus.common.registry.DirectionNotFoundException when nothing (undeleted) matches
     * @throws IllegalArgumentException when {@code ref} is not a valid reference
     */
    ResolvedDirection direction(String ref);

    /** A direction version as an edit needs it. */
    record ResolvedDirection(UUID versionId, String ref, String modelId, String modelFingerprint, int labelCount) {}
}
