package dev.locus.common.jobs;

/** What a job computes; each type has its own Kafka topic and worker. */
public enum JobType {
    DISCOVERY,
    EDIT
}
