package dev.locus.common.messages;

import dev.locus.engine.api.Method;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A discovery job as gateways wrote it before the method's parameters were typed ({@link DiscoveryJob.Params}): one
 * flat record whose {@code rank} was k for LOCO but r for JIVE, with placeholders for the other method's fields.
 * Jobs accepted then keep that text in their row and on Kafka (a worker runs a record only if it is the row's text),
 * so workers still read it; nothing writes it. It can go once no queued or running job has such a request.
 */
public record LegacyDiscoveryJob(UUID jobId, String modelId, String modelFingerprint, String imageId,
                                 Method.Family method, String maskImageId, List<DiscoveryJob.Region> regions,
                                 double timestep, int rank, int nullRank, boolean nullSpaceProjection, int jointRank,
                                 int individualRank, boolean jive, int steps, long seed, String name, List<String> tags,
                                 String description) {

    /** Whether {@code message} has the old shape: a method at the top and no parameters object. */
    public static boolean isLegacy(JsonMapper json, String message) {
        try {
            JsonNode tree = json.readTree(message);
            return tree != null && tree.isObject() && tree.has("method") && !tree.has("params");
        } catch (JacksonException e) {
            return false; // not JSON: the strict reader reports it
        }
    }

    /** The same job in today's shape. */
    public DiscoveryJob toJob() {
        DiscoveryJob.Params params = method == Method.Family.LOCO
                ? new DiscoveryJob.LocoParams(maskImageId, timestep, rank, nullRank, nullSpaceProjection)
                : new DiscoveryJob.JiveParams(regions, timestep, rank, jointRank, individualRank, jive);
        return new DiscoveryJob(jobId, modelId, modelFingerprint, imageId, params, steps, seed, name, tags, description);
    }
}
