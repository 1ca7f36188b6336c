package dev.locus.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.common.storage.StorageUnavailableException;
import dev.locus.engine.InvalidInputException;
import dev.locus.engine.methods.NumericalFault;
import dev.locus.engine.models.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class JobFailureTest {

    /** What libtorch's c10::Error looks like through JavaCPP: pages of native frames with the host's paths. */
    private static final String NATIVE = "linalg.svd: The algorithm failed to converge\n"
            + "Exception raised from linalg_svd at /home/runner/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:3071\n"
            + "frame #0: c10::Error::Error(...) + 0x9c (0x7f00 in /home/runner/.javacpp/cache/libc10.so)\n".repeat(40);

    @Test
    void whatTheCallerChoseIsBadInputAndNotRetried() {
        JobFailure invalid = JobFailure.of(new InvalidInputException("rank 4 exceeds the 3 values the mask selects"));
        assertThat(invalid).isEqualTo(new JobFailure("INVALID_INPUT", "rank 4 exceeds the 3 values the mask selects",
                false, null));
        assertThat(JobFailure.of(new BadJobException("IMAGE_SIZE", "too big")))
                .isEqualTo(new JobFailure("IMAGE_SIZE", "too big", false, null));
        assertThat(JobFailure.of(new ForeignRecordException("not the job")).code()).isEqualTo("FOREIGN_RECORD");
    }

    @Test
    void anIllegalArgumentFromADefectIsAnInternalErrorWithAReferenceNotBadInput() {
        JobFailure bug = JobFailure.of(new IllegalArgumentException("4 vectors for a linearization of 3 rows"));
        assertThat(bug.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(bug.retryable()).isFalse();
        assertThat(bug.reference()).hasSize(8);
        assertThat(bug.message()).isEqualTo("the worker failed unexpectedly (IllegalArgumentException); the worker's "
                + "log has the details under reference " + bug.reference()).doesNotContain("linearization");

        JobFailure nativeBug = JobFailure.of(new RuntimeException(NATIVE));
        assertThat(nativeBug.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(nativeBug.message()).doesNotContain("/", "frame").hasSizeLessThan(200);
    }

    @Test
    void aNumericalFaultFailsAtOnceWithItsFirstLine() {
        JobFailure fault = JobFailure.of(new NumericalFault("the u^T J product holds non-finite values "
                + "(power-iteration:roi, iteration 7)\nmore detail"));
        assertThat(fault).isEqualTo(new JobFailure("NUMERICAL_FAULT",
                "the u^T J product holds non-finite values (power-iteration:roi, iteration 7)", false, null));
        assertThat(JobFailure.of(new ModelLoadException("no config.json in /srv/models/faces")).message())
                .startsWith("the worker cannot load the job's model; ").doesNotContain("/srv");
    }

    @Test
    void whatAnotherAttemptMayNotMeetIsRetriedVisibly() {
        JobFailure storage = JobFailure.of(new ListenerExecutionFailedException("listener failed",
                new StorageUnavailableException("minio: connection refused", null)));
        assertThat(storage).isEqualTo(new JobFailure("STORAGE_UNAVAILABLE", "object storage is unavailable", true, null));
        assertThat(storage.retryMessage(2, 5))
                .isEqualTo("object storage is unavailable; attempt 2 of 5 failed, retrying");
        assertThat(JobFailure.of(new QueryTimeoutException("slow")).code()).isEqualTo("DATABASE_UNAVAILABLE");
        // PostgreSQL killed under a running job, as the crash test saw it: not a defect of Locus
        RuntimeException brokenConnection = new org.springframework.orm.jpa.JpaSystemException(new RuntimeException(
                "Unable to rollback against JDBC Connection", new java.sql.SQLException(
                        "This connection has been closed.", "08003")));
        assertThat(JobFailure.databaseUnavailable(brokenConnection)).isTrue();
        assertThat(JobFailure.of(brokenConnection).code()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(JobFailure.databaseUnavailable(new java.sql.SQLException("terminating connection due to "
                + "administrator command", "57P01"))).isTrue();
        assertThat(JobFailure.databaseUnavailable(new org.springframework.dao.DataIntegrityViolationException("dup",
                new java.sql.SQLException("duplicate key", "23505")))).isFalse();
        assertThat(JobFailure.of(new RuntimeException("[enforce fail at alloc_cpu.cpp:116] DefaultCPUAllocator: "
                + "can't allocate memory: you tried to allocate 8589934592 bytes")))
                .isEqualTo(new JobFailure("OUT_OF_MEMORY", "the worker ran out of memory", true, null));
    }
}
