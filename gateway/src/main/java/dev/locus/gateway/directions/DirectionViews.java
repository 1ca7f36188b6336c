package dev.locus.gateway.directions;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The direction library's JSON shapes. */
public final class DirectionViews {

    private DirectionViews() {}

    /** One version in a listing. */
    public record Summary(UUID id, String ref, String name, int version, String model, String method, String space,
                          double timestep, Set<String> tags, String description, String url, String previewUrl,
                          Instant createdAt) {}

    /** A version with everything that reproduces it. */
    public record Detail(UUID id, String ref, String name, int version, String model, String modelFingerprint,
                         String method, String space, JsonNode parameters, double timestep, String schedule,
                         String maskHash, String sourceImageId, long seed, String codeVersion, UUID jobId,
                         JsonNode singularValues, JsonNode labels, JsonNode timings, Set<String> tags,
                         String description, Basis basis, Preview preview, List<String> aliases, Instant createdAt) {}

    public record Basis(String sha256, long bytes, String url) {}

    public record Preview(String sha256, Double strength, String url) {}

    /** A name: its versions (newest last) and aliases. */
    public record Name(String name, List<Summary> versions, List<Alias> aliases) {}

    public record Alias(String name, String alias, int version, String ref, Instant updatedAt) {}

    public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {}

    /** {@code PATCH /v1/directions/{ref}}: null leaves a field as it is. */
    public record Patch(List<String> tags, String description) {}

    /** {@code PUT /v1/directions/{name}/aliases/{alias}}. */
    public record AliasTarget(Integer version) {}
}
