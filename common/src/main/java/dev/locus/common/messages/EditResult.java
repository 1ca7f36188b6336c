package dev.locus.common.messages;

import java.util.List;
import java.util.Map;

/**
 * What a finished edit job produced: one PNG per strength (one in all without a sweep).
 *
 * @param timings milliseconds spent by phase on the worker: {@code engine} (inversion and
 *                sampling) and {@code storing}
 */
public record EditResult(List<Image> images, Map<String, Long> timings) {

    /** @param key the object's key in storage */
    public record Image(Double strength, String key, String sha256) {}
}
