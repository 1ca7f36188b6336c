package dev.locus.gateway.jobs;

import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies from their raw bytes (the bytes also fingerprint idempotent requests), strictly: a request
 * that means something other than it says is refused, never guessed at.
 * <ul>
 *   <li>unknown properties, so a misspelt option never passes silently as its default;</li>
 *   <li>a fraction where an integer belongs ({@code "steps": 20.5} would run as 20);</li>
 *   <li>text where a number or a boolean belongs ({@code "strength": "8"}), and a number or boolean where text
 *       belongs ({@code "tags": [1]});</li>
 *   <li>a key given twice, which would otherwise resolve last-wins.</li>
 * </ul>
 */
public class JsonBodies {

    private final JsonMapper json;

    public JsonBodies(JsonMapper json) {
        this.json = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Integer, JsonBodies::noTextOrBoolean)
                .withCoercionConfig(LogicalType.Float, JsonBodies::noTextOrBoolean)
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    private static void noTextOrBoolean(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ApiProblem.invalid(null, Reasons.REQUIRED, "the request needs a JSON body");
        }
        try {
            T value = json.readerFor(type).readValue(body);
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

    /**
     * The request as parsed, written back in one form: components in declaration order, numbers as their type
     * writes them, no whitespace. Two bodies that differ only in key order, spacing or {@code 2} against
     * {@code 2.0} for a fraction are the same request (for an {@code Idempotency-Key}).
     */
    public byte[] canonical(Object request) {
        return json.writeValueAsBytes(request);
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
