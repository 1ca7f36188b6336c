package dev.locus.gateway.idempotency;

import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.util.regex.Pattern;

/**
 * A creating request that carried an {@code Idempotency-Key}: its scope (the endpoint), the key
 * and the request's fingerprint.
 */
public record IdempotentRequest(String scope, String key, String fingerprint) {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** @return null when the client sent no key */
    public static IdempotentRequest of(String scope, String key, String path, byte[] body) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(HEADER, Reasons.MALFORMED,
                    HEADER + " must be 1 to 200 visible ASCII characters without spaces");
        }
        return new IdempotentRequest(scope, key, RequestFingerprint.of(path, body));
    }

    /**
     * The resource that an earlier request with this key created, when {@code stored} is that
     * request's record.
     *
     * @throws ApiProblem 422 when the key was used for a different request
     */
    public String replay(StoredKey stored) {
        if (!stored.requestHash().equals(fingerprint)) {
            throw ApiProblem.unprocessable(HEADER, Reasons.KEY_REUSED, "the " + HEADER + " '" + key
                    + "' was already used for a different request to this endpoint; use a new key");
        }
        return stored.resourceId();
    }
}
