package dev.locus.worker.runtime;

import dev.locus.common.jobs.Claim;
import dev.locus.common.jobs.JobHolder;
import dev.locus.common.jobs.JobState;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.jobs.JobType;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * The life of a job on a worker, the same for every job type: claim it (a redelivered job that
 * already ended is skipped), compute while a heartbeat marks it alive, record the outcome. Cancellation
 * ends the job as CANCELED; a shutdown hands it back; a failure is classified ({@link JobFailure}):
 * bad input, a numerical fault or a defect fails the job at once, a transient failure puts it back in
 * the queue with its reason and is rethrown for the Kafka error handler, which retries it and finally
 * fails the job and dead-letters it.
 * A claim that another worker took over meanwhile changes nothing and throws nothing.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration HAND_BACK_PAUSE = Duration.ofSeconds(1);
    private static final Duration DATABASE_PAUSE = Duration.ofSeconds(5);
    private static final String CLAIM_LOST = "claim-lost";

    private final JobStore jobs;
    private final WorkerShutdown shutdown;
    private final WorkerMetrics metrics;
    private final WorkerProperties properties;
    private final JobHeartbeat heartbeat;
    private final Clock clock;
    private final String instanceId;

    public JobRunner(JobStore jobs, WorkerShutdown shutdown, WorkerMetrics metrics, WorkerProperties properties,
                     JobHeartbeat heartbeat, Clock clock) {
        this.jobs = jobs;
        this.heartbeat = heartbeat;
        this.shutdown = shutdown;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.instanceId = properties.instanceId() != null ? properties.instanceId() : defaultInstanceId();
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * Runs the job of one Kafka record and settles the record: acknowledged when the job ended
     * (whatever its outcome), negatively acknowledged when the worker hands it back on shutdown,
     * so the offset stays uncommitted and the partition's next owner receives it again.
     * Failures propagate to the container's error handler; so does a record that is not the job it names
     * ({@link ForeignRecordException}), which the error handler dead-letters without touching any job.
     */
    public void runAndAcknowledge(UUID jobId, JobType type, String record, Acknowledgment acknowledgment,
                                  Function<JobExecution, Object> work) {
        try {
            if (!jobs.isRecordOf(jobId, type, record)) {
                throw new ForeignRecordException("the record names job " + jobId + " but is not the " + type.name()
                        .toLowerCase(java.util.Locale.ROOT) + " job accepted under that id");
            }
            run(jobId, type, work);
            acknowledgment.acknowledge();
        } catch (HandBackException e) {
            acknowledgment.nack(HAND_BACK_PAUSE);
        } catch (RuntimeException e) {
            if (!JobFailure.databaseUnavailable(e)) {
                throw e;
            }
            // no attempt of the job's: it cannot be claimed, failed or retried until the database is back
            log.warn("job {}: the database is unavailable, its record comes again in {} s: {}", jobId,
                    DATABASE_PAUSE.toSeconds(), FailedJobRecoverer.abbreviated(e.toString()));
            acknowledgment.nack(DATABASE_PAUSE);
        }
    }

    public void run(UUID jobId, JobType type, Function<JobExecution, Object> work) {
        if (shutdown.stopping()) {
            throw new HandBackException();
        }
        Claim claim = jobs.claim(jobId, instanceId);
        if (!claim.shouldRun()) {
            log.info("job {} skipped: {}", jobId, claim.outcome());
            return;
        }
        metrics.queueWait(type, Duration.between(claim.job().createdAt(), clock.instant()));
        WorkerMetrics.Phases phases = metrics.phases(type);
        JobHolder holder = claim.holder();
        JobExecution execution = new JobExecution(jobId, holder, jobs, shutdown, phases, clock, properties);
        heartbeat.started(jobId, holder);
        Instant started = clock.instant();
        String outcome = "failed";
        try {
            Object result = work.apply(execution);
            outcome = jobs.succeed(jobId, holder, result).isPresent() ? "succeeded" : CLAIM_LOST;
        } catch (CancellationException e) {
            outcome = jobs.canceled(jobId, holder).isPresent() ? "canceled" : CLAIM_LOST;
        } catch (ClaimLostException e) {
            outcome = CLAIM_LOST;
        } catch (HandBackException e) {
            outcome = jobs.requeue(jobId, holder).isPresent() ? "handed-back" : CLAIM_LOST;
            throw e;
        } catch (RuntimeException e) {
            RuntimeException rethrown = settleFailure(jobId, holder, execution, e);
            if (rethrown == null) {
                outcome = CLAIM_LOST;
            } else {
                outcome = rethrown instanceof BadJobException ? "failed" : "retrying";
                throw rethrown;
            }
        } finally {
            heartbeat.ended(jobId);
            phases.close();
            metrics.run(type, outcome, Duration.between(started, clock.instant()));
            log.info("job {} ({}) {} in {} ms", jobId, type, outcome, Duration.between(started, clock.instant()).toMillis());
        }
        if (outcome.equals(CLAIM_LOST)) {
            handBackIfRequeued(jobId);
        }
    }

    /**
     * Ends a failed attempt visibly: FAILED with a code and a plain sentence when another attempt cannot end
     * otherwise (a {@link BadJobException} to rethrow, which the error handler dead-letters without retrying), or
     * back to the queue with the reason when it can (the exception itself, for the error handler to retry). The
     * cause goes to the log at every attempt: one line for a retry, the stack trace under a reference for a defect. A claim another worker took over meanwhile is
     * left to that worker (null: nothing to rethrow): a retry here would take the job back, and the recoverer would
     * fail it under the other's claim.
     */
    private RuntimeException settleFailure(UUID jobId, JobHolder holder, JobExecution execution, RuntimeException e) {
        if (JobFailure.databaseUnavailable(e)) {
            return e; // nothing can be recorded now: runAndAcknowledge has the record delivered again
        }
        if (!jobs.holds(jobId, holder)) {
            log.warn("job {} failed on a lost claim, left to the claim that runs it: {}", jobId, e.toString());
            return null;
        }
        JobFailure failure = JobFailure.of(e);
        if (failure.retryable()) {
            int attempts = properties.retries() + 1;
            log.warn("job {} attempt {} failed, retrying: {} {}", jobId, holder.attempt(), failure.code(),
                    FailedJobRecoverer.abbreviated(e.toString()));
            jobs.retry(jobId, holder, failure.code(), failure.retryMessage(holder.attempt(), attempts));
            return e;
        }
        if (failure.reference() != null) {
            log.error("job {} failed: {} (reference {})", jobId, failure.code(), failure.reference(), e);
        } else {
            log.info("job {} failed: {} {}", jobId, failure.code(), failure.message());
        }
        if (jobs.fail(jobId, holder, failure.code(), failure.message(), execution.lastSeen()).isEmpty()) {
            // not this worker's to fail: the recoverer would fail the job under the claim that runs it
            return null;
        }
        // FAILED at once for the user; the recoverer that receives this counts the failure and dead-letters the record
        return e instanceof BadJobException bad ? bad : new BadJobException(failure.code(), failure.message(), e);
    }

    /**
     * After this worker's claim was lost (another worker took the job over, and its outcome is that worker's to
     * record), the record is acknowledged, unless that worker has meanwhile handed the job back to the queue:
     * then this one hands its record back too, so that a QUEUED job keeps a message that will run it.
     */
    private void handBackIfRequeued(UUID jobId) {
        if (jobs.view(jobId).state() == JobState.QUEUED) {
            throw new HandBackException();
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "worker";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
