package dev.locus.gateway.jobs;

import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.StoredImage;
import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.Schedule;
import java.util.Optional;
import java.util.UUID;

/** What request validation reads from the registry; a plain interface so validators test without a database. */
public interface Lookups {

    Optional<ModelRecord> model(String id);

    Optional<StoredImage> image(String id);

    /** How many of a mask's pixels are inside its region, as the workers will read it (white inside). */
    int maskPixelsInside(StoredImage mask);

    /**
     * @throws dev.locus.common.registry.DirectionNotFoundException when nothing (undeleted) matches
     * @throws IllegalArgumentException when {@code ref} is not a valid reference
     */
    ResolvedDirection direction(String ref);

    /**
     * A direction version as an edit needs it.
     *
     * @param schedule the schedule it was found on
     */
    record ResolvedDirection(UUID versionId, String ref, String modelId, String modelFingerprint, int labelCount,
                             DirectionSpace space, Schedule schedule) {

        /** The DDIM step count of its schedule, if it was found on one; an x_t direction is applied on that grid. */
        java.util.OptionalInt ddimSteps() {
            return schedule.kind() == Schedule.Kind.DDIM ? java.util.OptionalInt.of(schedule.steps())
                    : java.util.OptionalInt.empty();
        }
    }
}
