package dev.locus.common.messages;

import dev.locus.engine.api.Method;
import java.util.List;
import java.util.UUID;

/**
 * A discovery job as it travels on Kafka: the request after validation, with every default filled
 * in, so a worker needs nothing else to reproduce it.
 *
 * @param method      what the request asked for; {@code nullSpaceProjection} and {@code jive} pick the variant
 * @param maskImageId LOCO's region of interest (an uploaded mask image)
 * @param regions     JIVE's regions, each an uploaded mask image
 * @param steps       DDIM steps of the inversion from the image to the timestep
 */
public record DiscoveryJob(UUID jobId, String modelId, String modelFingerprint, String imageId, Method.Family method,
                           String maskImageId, List<Region> regions, double timestep, int rank, int nullRank,
                           boolean nullSpaceProjection, int jointRank, int individualRank, boolean jive, int steps,
                           long seed, String name, List<String> tags, String description) {

    public record Region(String name, String maskImageId) {}
}
