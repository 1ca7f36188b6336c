package dev.locus.worker.runtime;

import dev.locus.common.jobs.JobNotFoundException;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.jobs.JobType;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * The last stop of a job message that cannot succeed on this worker: FAILED with a reason, then the dead-letter
 * topic. A job that another worker runs by now is left to it; its message still goes to the dead-letter topic.
 */
public final class FailedJobRecoverer implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(FailedJobRecoverer.class);

    private final JobStore jobs;
    private final WorkerMetrics metrics;
    private final ConsumerRecordRecoverer deadLetters;
    private final String editTopic;
    private final String worker;

    public FailedJobRecoverer(JobStore jobs, WorkerMetrics metrics, ConsumerRecordRecoverer deadLetters,
                              String editTopic, String worker) {
        this.jobs = jobs;
        this.editTopic = editTopic;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.worker = worker;
    }

    /** The most of a cause's message a log line carries: a junk record's parse error can quote the record. */
    static final int MAX_LOGGED_MESSAGE = 300;

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = rootOf(exception);
        JobFailure failure = JobFailure.of(cause);
        String code = failure.code();
        UUID jobId = jobId(record);
        log.warn("job message {} on {}-{}@{} dead-lettered: {} {}", abbreviated(String.valueOf(record.key())),
                record.topic(), record.partition(), record.offset(), code, abbreviated(cause.getMessage()));
        if (jobId != null && jobs.isRecordOf(jobId, typeOf(record.topic()), String.valueOf(record.value()))) {
            try {
                if (failure.reference() != null && !(cause instanceof BadJobException)) {
                    log.error("job {} failed: {} (reference {})", jobId, code, failure.reference(), cause);
                }
                boolean failedHere = jobs.failUnlessRunElsewhere(jobId, worker, code, failure.message()).isPresent();
                // bad input was failed at once by this worker's runner, under its claim, and is counted here
                if (failedHere || cause instanceof BadJobException) {
                    metrics.failure(typeOf(record.topic()), code);
                } else {
                    log.warn("job {} already ended or runs on another worker now: its state is left alone", jobId);
                }
            } catch (JobNotFoundException e) {
                log.warn("dead letter {} names no known job", jobId);
            }
        } else if (jobId != null) {
            // forged, misrouted or stale: the job row is the source of truth, and this record is not its job
            log.warn("dead letter names job {} but is not the job accepted under that id: the job is left alone", jobId);
        }
        deliverOrSkip(record, exception);
    }

    /**
     * Sends the record to the dead-letter topic. When that fails (a record too large for it, the broker gone), the
     * record is skipped and counted rather than handed back: a recoverer that throws makes the container retry the
     * record for ever, and every record behind it on its partition waits.
     */
    private void deliverOrSkip(ConsumerRecord<?, ?> record, Exception exception) {
        try {
            deadLetters.accept(record, exception);
        } catch (RuntimeException e) {
            metrics.undeliverable(typeOf(record.topic()));
            log.error("job message on {}-{}@{} ({} bytes) skipped: the dead-letter topic refused it: {}", record.topic(),
                    record.partition(), record.offset(), record.serializedValueSize(), abbreviated(String.valueOf(
                            deepestCause(e).getMessage())));
        }
    }

    static String abbreviated(String text) {
        if (text == null || text.length() <= MAX_LOGGED_MESSAGE) {
            return text;
        }
        return text.substring(0, MAX_LOGGED_MESSAGE) + "... (" + text.length() + " characters)";
    }

    private static Throwable deepestCause(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Throwable rootOf(Throwable exception) {
        Throwable cause = exception;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static UUID jobId(ConsumerRecord<?, ?> record) {
        try {
            return record.key() == null ? null : UUID.fromString(record.key().toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JobType typeOf(String topic) {
        return topic.equals(editTopic) ? JobType.EDIT : JobType.DISCOVERY;
    }
}
