package dev.locus.gateway.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Appends a message to the transactional outbox, in the caller's transaction. */
@Repository
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public OutboxWriter(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public void append(String topic, String key, String payload) {
        jdbc.sql("insert into outbox (topic, message_key, payload, created_at) values (?, ?, ?, ?)")
                .params(topic, key, payload, Timestamp.from(clock.instant()))
                .update();
        events.publishEvent(new OutboxAppended(topic, key));
    }
}
