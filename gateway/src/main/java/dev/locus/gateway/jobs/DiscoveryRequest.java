package dev.locus.gateway.jobs;

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
public record DiscoveryRequest(String model, String image, String method, String mask, List<Region> regions,
                               Double timestep, Integer rank, Integer nullRank, Boolean nullSpaceProjection,
                               Integer jointRank, Integer jacobianRank, Boolean jive, Integer steps, Long seed,
                               String name, List<String> tags, String description, String webhookUrl) {

    public record Region(String name, String mask) {}
}
