package dev.locus.gateway.outbox;

import dev.locus.gateway.GatewayProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes committed outbox rows to Kafka. Rows are locked ({@code for update skip locked}) so
 * that several gateways share the work; a row is marked published only after Kafka acknowledged
 * it, so a crash between the two repeats the message (workers tolerate redelivery) and never loses
 * it. On a failed send the pass stops, keeping what was acknowledged, and the next pass retries.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    record Row(long id, String topic, String key, String payload) {}

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final GatewayProperties.Outbox properties;
    private final Clock clock;

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, GatewayProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties.outbox();
        this.clock = clock;
    }

    /** @return how many messages this pass published */
    @Transactional
    public int relayOnce() {
        List<Row> rows = jdbc.sql("select id, topic, message_key, payload from outbox where published_at is null "
                        + "order by id limit ? for update skip locked")
                .param(properties.batchSize())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        int published = 0;
        for (Row row : rows) {
            try {
                kafka.send(row.topic(), row.key(), row.payload())
                        .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("outbox message {} to {} not sent yet: {}", row.id(), row.topic(), e.toString());
                break;
            }
            jdbc.sql("update outbox set published_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), row.id()).update();
            published++;
        }
        return published;
    }
}
