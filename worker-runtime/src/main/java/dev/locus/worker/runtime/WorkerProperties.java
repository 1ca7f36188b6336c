package dev.locus.worker.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker runs jobs.
 *
 * @param jobTimeLimit     a job running longer fails with TIME_LIMIT; Kafka's max.poll.interval.ms
 *                         must exceed it so a long job never triggers a rebalance
 * @param progressInterval least time between two progress writes of one job
 * @param retries          transient failures (storage down) are retried this many times...
 * @param retryBackoff     ...waiting this long, doubling each time
 * @param instanceId       recorded on the jobs this worker runs (default: host name and a random suffix)
 * @param heartbeatInterval how often a running job's row is marked alive; the gateway's
 *                          {@code locus.gateway.silent-jobs.after} must be several of these
 */
@ConfigurationProperties("locus.worker")
public record WorkerProperties(@DefaultValue("30m") Duration jobTimeLimit,
                               @DefaultValue("250ms") Duration progressInterval,
                               @DefaultValue("4") int retries,
                               @DefaultValue("1s") Duration retryBackoff,
                               @DefaultValue("30s") Duration maxRetryBackoff,
                               String instanceId,
                               @DefaultValue("5s") Duration heartbeatInterval) {}
