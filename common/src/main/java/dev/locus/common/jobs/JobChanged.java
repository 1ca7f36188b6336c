package dev.locus.common.jobs;

/** Raised inside the transaction that changed a job; published to Kafka once it commits. */
public record JobChanged(JobView job) {}
