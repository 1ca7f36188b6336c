package dev.locus.worker.runtime;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * A worker holds its job's record, without polling, for as long as the job runs. If that outlasts Kafka's
 * {@code max.poll.interval.ms}, the broker takes the worker for dead and hands the job to another one, whose fresh
 * claim restarts it from zero: a job that needs longer than the interval would then bounce between workers for
 * ever instead of failing with TIME_LIMIT. So a worker refuses to start with an interval that a job within the time
 * limit could outlast.
 */
final class PollIntervalCheck {

    /** Kafka's own default, when the consumer properties leave the interval out. */
    static final Duration KAFKA_DEFAULT = Duration.ofMillis(300_000);
    /** The time limit is checked between steps, so a job can pass it by up to one step. */
    static final Duration LONGEST_STEP = Duration.ofMinutes(1);

    private PollIntervalCheck() {}

    static void check(Map<String, Object> consumerProperties, WorkerProperties worker) {
        Duration interval = pollInterval(consumerProperties);
        Duration needed = worker.jobTimeLimit().plus(worker.maxRetryBackoff()).plus(LONGEST_STEP);
        if (interval.compareTo(needed) <= 0) {
            throw new IllegalStateException("Kafka's max.poll.interval.ms (" + interval.toMillis() + " ms) must exceed "
                    + "locus.worker.job-time-limit (" + worker.jobTimeLimit() + ") plus locus.worker.max-retry-backoff ("
                    + worker.maxRetryBackoff() + ") plus a minute for the step that passes the limit, or a long job "
                    + "restarts on another worker for ever; set spring.kafka.consumer.properties.max.poll.interval.ms "
                    + "above " + needed.toMillis() + " or lower the job time limit");
        }
    }

    private static Duration pollInterval(Map<String, Object> consumerProperties) {
        Object value = consumerProperties.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        if (value == null) {
            return KAFKA_DEFAULT;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("max.poll.interval.ms must be a number of milliseconds, got '" + value + "'");
        }
    }
}
