package dev.locus.worker.runtime;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells running jobs that the worker is stopping. Its phase is above the Kafka listener
 * containers', so it stops first: the running job hands itself back at its next step, its
 * offset stays uncommitted, and the partition's next owner runs it again.
 */
@Component
public class WorkerShutdown implements SmartLifecycle {

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public boolean stopping() {
        return !running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
