package dev.locus.common.messages;

import java.util.List;
import java.util.UUID;

/**
 * An edit job as it travels on Kafka. Direction references are resolved to version ids when the
 * job is accepted, so moving an alias later does not change a queued edit.
 *
 * @param strengths null for one edit with each term's strength; otherwise a sweep of the first
 *                  term's strength, one image per value
 */
public record EditJob(UUID jobId, String modelId, String modelFingerprint, String imageId, List<Term> directions,
                      List<Double> strengths, int steps, long seed) {

    /** Vector {@code index} of direction version {@code versionId}, added with {@code strength}. */
    public record Term(UUID versionId, String ref, int index, double strength) {}
}
