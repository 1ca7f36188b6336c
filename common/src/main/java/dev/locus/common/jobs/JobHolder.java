package dev.locus.common.jobs;

/**
 * Who runs a job: the worker that claimed it and which claim that was (the job's attempt count
 * after it). Kafka can deliver one job to two workers at once (a rebalance in the middle of a long
 * job); only the latest claim may then move the job's state, so a worker that lost the job cannot
 * requeue, cancel or finish it under the one that now holds it.
 */
public record JobHolder(String worker, int attempt) {}
