package dev.locus.common.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One submitted job as the database keeps it: the normalised request (the same JSON that goes to
 * Kafka), its state and progress, and its outcome. The row is the source of truth; Kafka events
 * only announce changes.
 */
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private JobType type;

    @Enumerated(EnumType.STRING)
    private JobState state;

    @Column(name = "model_id")
    private String modelId;

    private String request;

    @Column(name = "webhook_url")
    private String webhookUrl;

    private String phase;
    private Integer step;

    @Column(name = "total_steps")
    private Integer totalSteps;

    @Column(name = "cancel_requested")
    private boolean cancelRequested;

    private int attempts;
    private String worker;

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "error_message")
    private String errorMessage;

    private String result;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "last_failure_code")
    private String lastFailureCode;

    @Column(name = "last_failure_message")
    private String lastFailureMessage;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Job() {}

    public static Job queued(UUID id, JobType type, String modelId, String request, String webhookUrl, Instant now) {
        Job job = new Job();
        job.id = id;
        job.type = type;
        job.state = JobState.QUEUED;
        job.modelId = modelId;
        job.request = request;
        job.webhookUrl = webhookUrl;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    void start(String worker, Instant now) {
        if (state == JobState.QUEUED) {
            startedAt = now;
        }
        state = JobState.RUNNING;
        this.worker = worker;
        attempts++;
        phase = null;
        step = null;
        totalSteps = null;
        heartbeatAt = now;
        updatedAt = now;
    }

    /** The running worker is alive; changes nothing a user sees, so {@code updatedAt} stays. */
    void beat(Instant now) {
        heartbeatAt = now;
    }

    /** Whether {@code holder}'s claim is the one the job runs under. */
    boolean heldBy(JobHolder holder) {
        return state == JobState.RUNNING && holder.worker().equals(worker) && holder.attempt() == attempts;
    }

    void progress(String phase, int step, int totalSteps, Instant now) {
        this.phase = phase;
        this.step = step;
        this.totalSteps = totalSteps;
        heartbeatAt = now;
        updatedAt = now;
    }

    void succeed(String result, Instant now) {
        this.result = result;
        finish(JobState.SUCCEEDED, now);
    }

    void fail(String code, String message, Instant now) {
        errorCode = code;
        errorMessage = message;
        finish(JobState.FAILED, now);
    }

    void cancel(Instant now) {
        finish(JobState.CANCELED, now);
    }

    void requestCancel(Instant now) {
        cancelRequested = true;
        updatedAt = now;
    }

    /**
     * Back to the queue after an attempt failed for a reason another attempt may not meet (storage away, the
     * worker gone): the reason stays on the job for the user to see.
     */
    void retry(String code, String message, Instant now) {
        lastFailureCode = code;
        lastFailureMessage = message;
        requeue(now);
    }

    /** Back to the queue when a worker hands the job back on shutdown. */
    void requeue(Instant now) {
        state = JobState.QUEUED;
        worker = null;
        updatedAt = now;
    }

    private void finish(JobState state, Instant now) {
        this.state = state;
        finishedAt = now;
        updatedAt = now;
    }

    public UUID getId() { return id; }
    public JobType getType() { return type; }
    public JobState getState() { return state; }
    public String getModelId() { return modelId; }
    public String getRequest() { return request; }
    public String getWebhookUrl() { return webhookUrl; }
    public String getPhase() { return phase; }
    public Integer getStep() { return step; }
    public Integer getTotalSteps() { return totalSteps; }
    public boolean isCancelRequested() { return cancelRequested; }
    public int getAttempts() { return attempts; }
    public String getWorker() { return worker; }
    public String getErrorCode() { return errorCode; }
    public String getErrorMessage() { return errorMessage; }
    public String getResult() { return result; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getHeartbeatAt() { return heartbeatAt; }
    public String getLastFailureCode() { return lastFailureCode; }
    public String getLastFailureMessage() { return lastFailureMessage; }
}
