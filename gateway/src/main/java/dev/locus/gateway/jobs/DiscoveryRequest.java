package dev.locus.gateway.jobs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code POST /v1/discoveries} as clients send it; every null takes its default.
 *
 * @param method       LOCO or JIVE
 * @param mask         LOCO's region of interest: an uploaded mask image id
 * @param regions      JIVE's named regions
 * @param timestep     fraction of the diffusion trajectory, in (0, 1]; default 0.6
 * @param rank         LOCO: directions (default 3); JIVE: individual rank per region (default 5)
 * @param nullRank     LOCO: rank of the null space outside the mask (default 5)
 * @param jointRank    JIVE: joint rank shared by the regions (default 30)
 * @param jacobianRank JIVE: singular vectors per region Jacobian (default 50)
 * @param jive         JIVE: false runs the Haas et al. per-region baseline (default true)
 * @param steps        DDIM inversion steps (default 50)
 */
public record DiscoveryRequest(
        @Schema(description = "a model id from GET /v1/models", example = "synthfaces-32") String model,
        @Schema(description = "an uploaded image id (POST /v1/images), at the model's resolution") String image,
        @Schema(description = "LOCO (x_t directions of one region) or JIVE (h-space directions of named regions)")
        String method,
        @Schema(description = "LOCO: an uploaded mask id, white inside the region of interest") String mask,
        @Schema(description = "JIVE: named regions; what no region covers becomes the region 'rest'")
        List<Region> regions,
        @Schema(description = "t_edit as a fraction of the trajectory") Double timestep,
        @Schema(description = "LOCO: directions k (default 3); JIVE: individual directions per region r_A (default 5);"
                + " at most the values the region selects") Integer rank,
        @Schema(description = "LOCO: rank r' of the subspace outside the mask projected out") Integer nullRank,
        @Schema(description = "LOCO: project the complement's subspace out (default true)")
        Boolean nullSpaceProjection,
        @Schema(description = "JIVE: joint rank r_C shared by the regions") Integer jointRank,
        @Schema(description = "JIVE: singular vectors r per region Jacobian") Integer jacobianRank,
        @Schema(description = "JIVE: false runs Haas et al.'s per-region baseline (default true)") Boolean jive,
        @Schema(description = "DDIM steps of the schedule") Integer steps,
        @Schema(description = "seeds the power method's start") Long seed,
        @Schema(description = "the direction's name in the library; each discovery adds a version", example = "eyes")
        String name,
        @Schema(description = "labels to search the library by") List<String> tags,
        @Schema(description = "what the direction does, for people") String description,
        @Schema(description = "http(s) URL POSTed on every state change, signed") String webhookUrl) {

    public record Region(@Schema(description = "the region's name, not 'rest'", example = "eyes") String name,
                         @Schema(description = "an uploaded mask id") String mask) {}
}
