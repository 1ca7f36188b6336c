package dev.locus.common.jobs;

import dev.locus.common.webhooks.WebhookDelivery;
import dev.locus.common.webhooks.WebhookDeliveryRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every state change of a job, each in its own transaction on the locked row. A change queues a
 * webhook delivery (when the job has a webhook) in the same transaction and raises
 * {@link JobChanged}, which is published to Kafka after commit.
 */
@Service
public class JobStore {

    private final JobRepository jobs;
    private final WebhookDeliveryRepository webhooks;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    public JobStore(JobRepository jobs, WebhookDeliveryRepository webhooks, ApplicationEventPublisher events,
                    JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.webhooks = webhooks;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public JobView create(Job job) {
        // flushed now: rows that reference the job (outbox, edit_directions) follow in this transaction
        jobs.saveAndFlush(job);
        return changed(job);
    }

    @Transactional(readOnly = true)
    public JobView view(UUID id) {
        return view(jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id)));
    }

    /**
     * Whether a Kafka record is the one this job was accepted with: the job exists, has {@code type}, and its request
     * is the record's text (the outbox sends the row's request verbatim, and both are plain text).
     */
    @Transactional(readOnly = true)
    public boolean isRecordOf(UUID id, JobType type, String record) {
        return jobs.findById(id).filter(job -> job.getType() == type && job.getRequest().equals(record)).isPresent();
    }

    /** Marks the job RUNNING on {@code worker}, unless it already ended or was canceled while queued. */
    @Transactional
    public Claim claim(UUID id, String worker) {
        Job job = jobs.lockById(id).orElse(null);
        if (job == null) {
            return new Claim(Claim.Outcome.UNKNOWN, null);
        }
        if (job.getState().isFinal()) {
            return new Claim(Claim.Outcome.ALREADY_FINISHED, view(job));
        }
        if (job.isCancelRequested()) {
            job.cancel(now());
            return new Claim(Claim.Outcome.ALREADY_FINISHED, changed(job));
        }
        job.start(worker, now());
        return new Claim(Claim.Outcome.RUN, changed(job), new JobHolder(worker, job.getAttempts()));
    }

    /** What a running job's worker should do after reporting progress. */
    public enum Reply {
        CONTINUE,
        /** The user asked to cancel: stop and record CANCELED. */
        CANCEL,
        /** Another claim runs the job now, or it ended: stop and leave its state alone. */
        LOST
    }

    /** Records progress of the claim {@code holder} and tells its worker whether to go on. */
    @Transactional
    public Reply progress(UUID id, JobHolder holder, String phase, int step, int total) {
        Job job = locked(id);
        if (!job.heldBy(holder)) {
            return Reply.LOST;
        }
        job.progress(phase, step, total, now());
        changed(job, false);
        return job.isCancelRequested() ? Reply.CANCEL : Reply.CONTINUE;
    }

    /** Whether the claim {@code holder} still runs the job (no other claim took it over, and it has not ended). */
    @Transactional(readOnly = true)
    public boolean holds(UUID id, JobHolder holder) {
        return jobs.findById(id).map(job -> job.heldBy(holder)).orElse(false);
    }

    @Transactional(readOnly = true)
    public boolean cancelRequested(UUID id) {
        return jobs.cancelRequested(id).orElse(true);
    }

    /**
     * Final success of the claim {@code holder}. A claim that no longer runs the job (it ended, or another
     * worker took it over) changes nothing and gets an empty answer.
     */
    @Transactional
    public Optional<JobView> succeed(UUID id, JobHolder holder, Object result) {
        Job job = locked(id);
        if (!job.heldBy(holder)) {
            return Optional.empty();
        }
        job.succeed(json.writeValueAsString(result), now());
        return Optional.of(changed(job));
    }

    /** Failure of the claim {@code holder}; as {@link #succeed}, only while that claim runs the job. */
    @Transactional
    public Optional<JobView> fail(UUID id, JobHolder holder, String code, String message) {
        return fail(id, holder, code, message, null);
    }

    /**
     * As {@link #fail(UUID, JobHolder, String, String)}, with where the job was when it failed: progress is written
     * at most every few hundred milliseconds, and a failure must not show the phase before the one it failed in.
     */
    @Transactional
    public Optional<JobView> fail(UUID id, JobHolder holder, String code, String message, JobView.Progress at) {
        Job job = locked(id);
        if (!job.heldBy(holder)) {
            return Optional.empty();
        }
        if (at != null) {
            job.progress(at.phase(), at.step(), at.total(), now());
        }
        job.fail(code, message, now());
        return Optional.of(changed(job));
    }

    /**
     * The attempt of the claim {@code holder} failed for a reason another attempt may not meet: the job goes back to
     * the queue with the reason on it, and the worker's error handler delivers its record again.
     */
    @Transactional
    public Optional<JobView> retry(UUID id, JobHolder holder, String code, String message) {
        Job job = locked(id);
        if (!job.heldBy(holder)) {
            return Optional.empty();
        }
        job.retry(code, message, now());
        return Optional.of(changed(job));
    }

    /** The worker of the claim {@code holder} is alive; false once that claim no longer runs the job. */
    @Transactional
    public boolean heartbeat(UUID id, JobHolder holder) {
        Job job = locked(id);
        if (!job.heldBy(holder)) {
            return false;
        }
        job.beat(now());
        return true;
    }

    /** Running jobs whose worker has not beaten since {@code cutoff}, oldest beat first. */
    @Transactional(readOnly = true)
    public List<UUID> silentSince(Instant cutoff, int limit) {
        return jobs.silentSince(cutoff, Limit.of(limit));
    }

    /**
     * A running job whose worker stopped beating before {@code cutoff}: back to the queue with the reason, or FAILED
     * with it once it has had {@code maxAttempts}. Empty when the job beat again, ended or is not running.
     */
    @Transactional
    public Optional<JobView> recoverSilent(UUID id, Instant cutoff, int maxAttempts) {
        Job job = locked(id);
        Instant lastBeat = job.getHeartbeatAt() != null ? job.getHeartbeatAt() : job.getUpdatedAt();
        if (job.getState() != JobState.RUNNING || !lastBeat.isBefore(cutoff)) {
            return Optional.empty();
        }
        String what = "the worker running attempt " + job.getAttempts() + " stopped reporting at " + lastBeat;
        if (job.getAttempts() >= maxAttempts) {
            job.fail("WORKER_LOST", what + "; the job had " + job.getAttempts() + " attempts", now());
        } else {
            job.retry("WORKER_LOST", what + "; re-queued for attempt " + (job.getAttempts() + 1) + " of " + maxAttempts,
                    now());
        }
        return Optional.of(changed(job));
    }

    /**
     * Failure from the dead-letter path of {@code worker}, which runs after that worker's runner gave up on the
     * job's message: the job ends FAILED unless it already ended or another worker runs it now (a rebalance
     * handed the job over after this worker's last try, and its outcome is that worker's to record).
     */
    @Transactional
    public Optional<JobView> failUnlessRunElsewhere(UUID id, String worker, String code, String message) {
        Job job = locked(id);
        boolean runElsewhere = job.getState() == JobState.RUNNING && !worker.equals(job.getWorker());
        if (job.getState().isFinal() || runElsewhere) {
            return Optional.empty();
        }
        job.fail(code, message, now());
        return Optional.of(changed(job));
    }

    /** The claim {@code holder} stopped its job because the user canceled it; as {@link #succeed}. */
    @Transactional
    public Optional<JobView> canceled(UUID id, JobHolder holder) {
        Job job = locked(id);
        if (!job.heldBy(holder)) {
            return Optional.empty();
        }
        job.cancel(now());
        return Optional.of(changed(job));
    }

    /** A queued job is canceled at once; a running one is flagged and stops at the worker's next step. */
    @Transactional
    public JobView requestCancel(UUID id) {
        Job job = locked(id);
        if (job.getState().isFinal()) {
            throw new JobAlreadyFinishedException(view(job));
        }
        if (job.getState() == JobState.QUEUED) {
            job.requestCancel(now());
            job.cancel(now());
            return changed(job);
        }
        job.requestCancel(now());
        return changed(job, false);
    }

    /**
     * A worker shutting down hands its running job back; the redelivered message restarts it. A claim that
     * no longer runs the job hands nothing back: the worker that took it over goes on.
     */
    @Transactional
    public Optional<JobView> requeue(UUID id, JobHolder holder) {
        Job job = locked(id);
        if (!job.heldBy(holder)) {
            return Optional.empty();
        }
        job.requeue(now());
        return Optional.of(changed(job));
    }

    public JobView view(Job job) {
        return new JobView(job.getId(), job.getType(), job.getState(), job.getModelId(),
                job.getPhase() == null ? null : new JobView.Progress(job.getPhase(), job.getStep(), job.getTotalSteps()),
                job.getErrorCode() == null ? null : new JobView.Error(job.getErrorCode(), job.getErrorMessage()),
                job.getResult() == null ? null : json.readTree(job.getResult()), job.getAttempts(),
                job.getLastFailureCode() == null ? null
                        : new JobView.Error(job.getLastFailureCode(), job.getLastFailureMessage()),
                job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt(), job.getUpdatedAt());
    }

    private Job locked(UUID id) {
        return jobs.lockById(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    private JobView changed(Job job) {
        return changed(job, true);
    }

    /** Webhooks fire on state changes only; progress reaches users through events and SSE. */
    private JobView changed(Job job, boolean stateChanged) {
        JobView view = view(job);
        if (job.getWebhookUrl() != null && stateChanged) {
            webhooks.save(WebhookDelivery.due(job.getId(), job.getWebhookUrl(), json.writeValueAsString(view), now()));
        }
        events.publishEvent(new JobChanged(view));
        return view;
    }

    private Instant now() {
        return clock.instant();
    }
}
