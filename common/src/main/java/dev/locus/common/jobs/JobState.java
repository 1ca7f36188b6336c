package dev.locus.common.jobs;

/** A job's life: QUEUED, then RUNNING, then exactly one of the three final states. */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
