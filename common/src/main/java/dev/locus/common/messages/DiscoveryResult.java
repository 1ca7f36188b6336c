package dev.locus.common.messages;

import java.util.List;
import java.util.UUID;

/** What a finished discovery job produced: the direction version it registered. */
public record DiscoveryResult(UUID versionId, String ref, String name, int version, List<Double> singularValues,
                             List<String> labels) {}
