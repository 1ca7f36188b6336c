package dev.locus.gateway.jobs;

import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies from their raw bytes (the bytes also fingerprint idempotent requests).
 * Unknown properties are refused, so a misspelt option never passes silently as its default.
 */
public class JsonBodies {

    private final JsonMapper json;

    public JsonBodies(JsonMapper json) {
        this.json = json;
    }

    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ApiProblem.invalid(null, Reasons.REQUIRED, "the request needs a JSON body");
        }
        try {
            T value = json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
            if (value == null) {
                throw ApiProblem.invalid(null, Reasons.REQUIRED, "the request needs a JSON object");
            }
            return value;
        } catch (JacksonException e) {
            String field = field(e);
            String message = e.getOriginalMessage();
            throw ApiProblem.invalid(field, Reasons.MALFORMED,
                    (field == null ? "malformed JSON" : field + " is malformed") + ": " + firstLine(message));
        }
    }

    /** The JSON path of the failure, as {@code directions[1].strength}. */
    static String field(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
