package dev.locus.gateway.jobs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code POST /v1/edits} as clients send it.
 *
 * @param directions terms added to the image's trajectory, each a direction reference
 *                   ({@code name}, {@code name@3}, {@code name@alias} or a version id), the index of
 *                   the vector in its basis (default 0) and a strength (default 1)
 * @param strengths  optional sweep of the first (and only) term's strength: one image per value
 * @param steps      DDIM steps (default 50)
 */
public record EditRequest(
        @Schema(description = "a model id from GET /v1/models", example = "synthfaces-32") String model,
        @Schema(description = "an uploaded image id, at the model's resolution") String image,
        @Schema(description = "the directions to add; several compose into one edit") List<Term> directions,
        @Schema(description = "a sweep of the only term's strength: one image per value") List<Double> strengths,
        @Schema(description = "DDIM steps; left out, the first x_t direction's own (else the first h-space one's)")
        Integer steps,
        @Schema(description = "seeds the sampler's noise where the schedule has any") Long seed,
        @Schema(description = "http(s) URL POSTed on every state change, signed") String webhookUrl) {

    public record Term(
            @Schema(description = "name, name@3, name@alias or a version id", example = "eyes@stable") String ref,
            @Schema(description = "which vector of the basis") Integer index,
            @Schema(description = "lambda (x_t) or alpha (h): how far to move along the direction") Double strength) {}
}
