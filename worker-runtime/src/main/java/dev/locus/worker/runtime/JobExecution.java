package dev.locus.worker.runtime;

import dev.locus.common.jobs.JobHolder;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.jobs.JobView;
import dev.locus.engine.pipelines.StepListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * One running job as the engine sees it: a {@link StepListener} that reports progress (at most
 * once per interval, and always at a phase's last step), and stops the computation between two
 * steps when the user canceled, the worker is shutting down, the time limit passed, or another
 * worker's claim took the job over.
 */
public final class JobExecution implements StepListener {

    private final UUID jobId;
    private final JobHolder holder;
    private final JobStore jobs;
    private final WorkerShutdown shutdown;
    private final WorkerMetrics.Phases phases;
    private final Clock clock;
    private final Duration progressInterval;
    private final Instant deadline;
    private Instant lastReport = Instant.MIN;
    private volatile JobView.Progress lastSeen;

    JobExecution(UUID jobId, JobHolder holder, JobStore jobs, WorkerShutdown shutdown, WorkerMetrics.Phases phases,
                 Clock clock, WorkerProperties properties) {
        this.jobId = jobId;
        this.holder = holder;
        this.jobs = jobs;
        this.shutdown = shutdown;
        this.phases = phases;
        this.clock = clock;
        this.progressInterval = properties.progressInterval();
        this.deadline = clock.instant().plus(properties.jobTimeLimit());
    }

    public UUID jobId() {
        return jobId;
    }

    @Override
    public void onStep(String phase, int step, int total) {
        report(phase, step, total, step == total);
    }

    /**
     * Marks the start of a phase that has no steps of its own (storing, registering). Always reported: workers
     * enter these phases right before they write results, and the report confirms the claim is still theirs.
     */
    public void phase(String phase) {
        report(phase, 0, 1, true);
    }

    /** The last step the engine reached, written or not: where a failure happened. */
    JobView.Progress lastSeen() {
        return lastSeen;
    }

    private void report(String phase, int step, int total, boolean always) {
        phases.enter(phase);
        lastSeen = new JobView.Progress(phase, step, total);
        Instant now = clock.instant();
        if (now.isAfter(deadline)) {
            throw new BadJobException("TIME_LIMIT", "the job ran longer than locus.worker.job-time-limit");
        }
        if (shutdown.stopping()) {
            throw new HandBackException();
        }
        boolean due = always || Duration.between(lastReport, now).compareTo(progressInterval) >= 0;
        if (due) {
            lastReport = now;
            switch (jobs.progress(jobId, holder, phase, step, total)) {
                case CANCEL -> throw new CancellationException("job " + jobId + " canceled");
                case LOST -> throw new ClaimLostException(jobId);
                case CONTINUE -> { }
            }
        }
    }
}
