package dev.locus.common.jobs;

/**
 * What a worker may do with a job it received from Kafka. Deliveries are at least once, so a
 * message can arrive for a job that already finished, or that was canceled while queued.
 */
public record Claim(Outcome outcome, JobView job, JobHolder holder) {

    public enum Outcome {
        /** The job is now RUNNING on this worker: compute it. */
        RUN,
        /** Already in a final state (a redelivery): do nothing more. */
        ALREADY_FINISHED,
        /** No such job row: the message is not one of ours. */
        UNKNOWN
    }

    /** A claim that does not run the job. */
    public Claim(Outcome outcome, JobView job) {
        this(outcome, job, null);
    }

    public boolean shouldRun() {
        return outcome == Outcome.RUN;
    }
}
