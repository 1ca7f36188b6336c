package dev.locus.gateway.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ProblemHandlerTest {

    @Test
    void rendersFieldAndReason() {
        ProblemDetail detail = ProblemHandler.toDetail(ApiProblem.invalid("directions[0].index", Reasons.OUT_OF_RANGE,
                "index out of range").with("max", 2));
        assertThat(detail.getStatus()).isEqualTo(400);
        assertThat(detail.getDetail()).isEqualTo("index out of range");
        assertThat(detail.getType().toString()).isEqualTo("urn:locus:problem:out-of-range");
        assertThat(detail.getProperties()).containsEntry("field", "directions[0].index")
                .containsEntry("reason", "out-of-range").containsEntry("max", 2);
    }

    @Test
    void aRaceOnTheSameRowIsAConflictToRetryAndAnythingUnexpectedIsStillAProblem() {
        ProblemHandler handler = new ProblemHandler();
        var conflict = handler.concurrentChange(new org.springframework.dao.DataIntegrityViolationException("duplicate key"));
        assertThat(conflict.getStatusCode().value()).isEqualTo(409);
        assertThat(conflict.getBody().getProperties()).containsEntry("reason", Reasons.CONCURRENT_CHANGE);

        var unexpected = handler.unexpected(new IllegalStateException("secret internals"));
        assertThat(unexpected.getStatusCode().value()).isEqualTo(500);
        assertThat(unexpected.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(unexpected.getBody().getProperties()).containsEntry("reason", Reasons.INTERNAL);
        assertThat(unexpected.getBody().getDetail()).doesNotContain("secret");
    }
}
