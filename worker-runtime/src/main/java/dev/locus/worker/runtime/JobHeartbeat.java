package dev.locus.worker.runtime;

import dev.locus.common.jobs.JobHolder;
import dev.locus.common.jobs.JobStore;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Beats on the rows of the jobs this worker runs, from a thread of its own: a job inside one long native call (a
 * big Jacobian product) reports no progress for a while but is alive, and a job whose worker died stops beating,
 * so that the gateway re-queues it ({@code locus.gateway.silent-jobs}) instead of leaving it RUNNING.
 */
@Component
public class JobHeartbeat implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobHeartbeat.class);

    private final JobStore jobs;
    private final Map<UUID, JobHolder> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService beats;

    public JobHeartbeat(JobStore jobs, WorkerProperties properties) {
        this.jobs = jobs;
        this.beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "job-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeatInterval().toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    void started(UUID jobId, JobHolder holder) {
        running.put(jobId, holder);
    }

    void ended(UUID jobId) {
        running.remove(jobId);
    }

    private void beat() {
        running.forEach((jobId, holder) -> {
            try {
                if (!jobs.heartbeat(jobId, holder)) {
                    running.remove(jobId, holder);
                }
            } catch (RuntimeException e) {
                // the database away for a moment: the next beat tries again
                log.warn("heartbeat of job {} failed: {}", jobId, e.toString());
            }
        });
    }

    @Override
    public void destroy() {
        beats.shutdownNow();
    }
}
