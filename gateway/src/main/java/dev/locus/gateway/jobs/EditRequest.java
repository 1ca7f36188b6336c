package dev.locus.gateway.jobs;

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
public record EditRequest(String model, String image, List<Term> directions, List<Double> strengths, Integer steps,
                          Long seed, String webhookUrl) {

    public record Term(String ref, Integer index, Double strength) {}
}
