package dev.locus.worker.runtime;

/** The worker is shutting down: the job goes back to the queue and another instance runs it. */
public class HandBackException extends RuntimeException {
    public HandBackException() {
        super("worker shutting down: job handed back", null, false, false);
    }
}
