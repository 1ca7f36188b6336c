package dev.locus.common.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.locus.engine.api.Method;
import java.util.List;
import java.util.UUID;

/**
 * A discovery job as it travels on Kafka: the request after validation, with every default filled in, so a worker
 * needs nothing else to reproduce it. What the method needs is in {@code params}, one record per method family, so
 * no field changes meaning with the method and none is sent as a placeholder.
 *
 * @param steps DDIM steps over the whole range; the image is inverted on that schedule
 * @param seed  the power method's start
 */
public record DiscoveryJob(UUID jobId, String modelId, String modelFingerprint, String imageId, Params params,
                           int steps, long seed, String name, List<String> tags, String description) {

    /** The method's parameters; their JSON names the family as {@code "method": "LOCO"} or {@code "JIVE"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
    @JsonSubTypes({@JsonSubTypes.Type(value = LocoParams.class, name = "LOCO"),
            @JsonSubTypes.Type(value = JiveParams.class, name = "JIVE")})
    public sealed interface Params permits LocoParams, JiveParams {

        /** t_edit, as a fraction of the training timesteps */
        double tEdit();

        /** The method these parameters run. */
        Method method();
    }

    /**
     * LOCO (Algorithm 1) on one region.
     *
     * @param maskImageId         the region of interest, an uploaded mask image
     * @param rank                k, the directions found in the region
     * @param nullRank            r', the complement's subspace projected out
     * @param nullSpaceProjection false runs the ablation without the projection
     */
    public record LocoParams(String maskImageId, double tEdit, int rank, int nullRank, boolean nullSpaceProjection)
            implements Params {

        @Override
        public Method method() {
            return Method.loco(false, nullSpaceProjection);
        }
    }

    /**
     * JIVE (or, with {@code jive} false, the Haas baseline) on named regions.
     *
     * @param regions        each an uploaded mask image; what none covers becomes the region "rest"
     * @param jacobianRank   r, singular vectors of each region's h-space Jacobian
     * @param jointRank      r_C, joint directions shared by the regions
     * @param individualRank r_A, individual directions per region (the API's {@code rank})
     */
    public record JiveParams(List<Region> regions, double tEdit, int jacobianRank, int jointRank, int individualRank,
                             boolean jive) implements Params {

        @Override
        public Method method() {
            return Method.hSpace(jive);
        }
    }

    public record Region(String name, String maskImageId) {}
}
