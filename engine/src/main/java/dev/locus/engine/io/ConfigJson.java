package dev.locus.engine.io;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reading diffusers config files: a missing key or an explicit null takes the default, as
 * diffusers' register_to_config does.
 */
public final class ConfigJson {

    private ConfigJson() {}

    public static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    public static int integer(JsonNode node, String key, int fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asInt();
    }

    public static double number(JsonNode node, String key, double fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asDouble();
    }

    public static boolean bool(JsonNode node, String key, boolean fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asBoolean();
    }

    public static List<String> strings(JsonNode node, String key, List<String> fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.asString()));
        return out;
    }

    public static List<Integer> integers(JsonNode node, String key, List<Integer> fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        value.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
