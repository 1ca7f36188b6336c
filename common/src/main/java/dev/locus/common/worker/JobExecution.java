package dev.locus.common.worker;

import dev.locus.common.jobs.JobStore;
import dev.locus.engine.pipelines.StepListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * One running job as the engine sees it: a {@link StepListener} that reports progress (at most
 * once per interval, and always at a phase's last step), and stops the computation between two
 * steps when the user canceled, the worker is shutting down, or the time limit passed.
 */
public final class JobExecution implements StepListener {

    private final UUID jobId;
    private final JobStore jobs;
    private final WorkerShutdown shutdown;
    private final WorkerMetrics.Phases phases;
    private final Clock clock;
    private final Duration progressInterval;
    private final Instant deadline;
    private Instant lastReport = Instant.MIN;

    JobExecution(UUID jobId, JobStore jobs, WorkerShutdown shutdown, WorkerMetrics.Phases phases, Clock clock,
                 WorkerProperties properties) {
        this.jobId = jobId;
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
        phases.enter(phase);
        Instant now = clock.instant();
        if (now.isAfter(deadline)) {
            throw new BadJobException("TIME_LIMIT", "the job ran longer than locus.worker.job-time-limit");
        }
        if (shutdown.stopping()) {
            throw new HandBackException();
        }
        boolean due = step == total || Duration.between(lastReport, now).compareTo(progressInterval) >= 0;
        if (due) {
            lastReport = now;
            if (jobs.progress(jobId, phase, step, total)) {
                throw new CancellationException("job " + jobId + " canceled");
            }
        }
    }

    /** Marks the start of a phase that has no steps of its own (storing, rendering). */
    public void phase(String phase) {
        onStep(phase, 0, 1);
    }
}
