package dev.locus.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.locus.gateway.problems.ApiProblem;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

final class ProblemAssert {

    private ProblemAssert() {}

    static ApiProblem problem(ThrowingCallable call, int status, String field, String reason) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, call);
        assertThat(problem).as("expected a problem naming %s", field).isNotNull();
        assertThat(problem.field()).isEqualTo(field);
        assertThat(problem.reason()).isEqualTo(reason);
        assertThat(problem.status().value()).isEqualTo(status);
        return problem;
    }
}
