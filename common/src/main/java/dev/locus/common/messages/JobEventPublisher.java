package dev.locus.common.messages;

import dev.locus.common.jobs.JobChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces committed job changes on the events topic, keyed by job id so that one job's events
 * stay in order. Events are notifications: the database row stays the truth, so a lost event
 * costs a late update on a live stream, never a job.
 */
@Component
public class JobEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final LocusKafkaProperties properties;
    private final JsonMapper json;

    public JobEventPublisher(KafkaTemplate<String, String> kafka, LocusKafkaProperties properties, JsonMapper json) {
        this.kafka = kafka;
        this.properties = properties;
        this.json = json;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void publish(JobChanged change) {
        String key = change.job().id().toString();
        try {
            kafka.send(properties.topics().jobEvents(), key, json.writeValueAsString(change.job()))
                    .whenComplete((sent, error) -> {
                        if (error != null) {
                            log.warn("job event for {} not published: {}", key, error.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            // the send itself failed (broker unreachable past max.block.ms): the committed row stands
            log.warn("job event for {} not published: {}", key, e.getMessage());
        }
    }
}
