package dev.locus.common.messages;

import java.util.List;

/** What a finished edit job produced: one PNG per strength (one in all without a sweep). */
public record EditResult(List<Image> images) {

    /** @param key the object's key in storage */
    public record Image(Double strength, String key, String sha256) {}
}
