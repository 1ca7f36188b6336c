package dev.locus.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.locus.common.storage.Sha256;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotentRequestTest {

    private static final byte[] BODY = "{\"model\":\"faces\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theFingerprintIsTheSha256OfPathAndBody() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("/v1/edits".getBytes(StandardCharsets.UTF_8));
        expected.write(0);
        expected.writeBytes(BODY);
        assertThat(RequestFingerprint.of("/v1/edits", BODY)).isEqualTo(Sha256.hex(expected.toByteArray()))
                .hasSize(64);
    }

    @Test
    void theFingerprintChangesWithBodyAndPath() {
        String base = RequestFingerprint.of("/v1/edits", BODY);
        assertThat(RequestFingerprint.of("/v1/edits", BODY.clone())).isEqualTo(base);
        assertThat(RequestFingerprint.of("/v1/discoveries", BODY)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("/v1/edits", "{\"model\":\"faces\" }".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(base);
    }

    @Test
    void noKeyMeansNoIdempotency() {
        assertThat(IdempotentRequest.of("edits", null, "/v1/edits", BODY)).isNull();
    }

    @Test
    void theSameRequestReplaysTheStoredResource() {
        IdempotentRequest request = IdempotentRequest.of("edits", "k-1", "/v1/edits", BODY);
        StoredKey stored = new StoredKey("edits", "k-1", request.fingerprint(), "job-42");
        assertThat(request.replay(stored)).isEqualTo("job-42");
    }

    @Test
    void aDifferentRequestWithTheSameKeyIs422() {
        IdempotentRequest first = IdempotentRequest.of("edits", "k-1", "/v1/edits", BODY);
        StoredKey stored = new StoredKey("edits", "k-1", first.fingerprint(), "job-42");
        IdempotentRequest second = IdempotentRequest.of("edits", "k-1", "/v1/edits", "{}".getBytes(StandardCharsets.UTF_8));
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> second.replay(stored));
        assertThat(problem.status().value()).isEqualTo(422);
        assertThat(problem.field()).isEqualTo("Idempotency-Key");
        assertThat(problem.reason()).isEqualTo(Reasons.KEY_REUSED);
    }

    @Test
    void malformedKeysAreRefused() {
        for (String key : new String[] {"", "has space", "x".repeat(201), "caf\u00e9"}) {
            ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                    () -> IdempotentRequest.of("edits", key, "/v1/edits", BODY));
            assertThat(problem).as(key).isNotNull();
            assertThat(problem.field()).isEqualTo("Idempotency-Key");
        }
    }
}
