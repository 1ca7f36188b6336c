package dev.locus.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.LoggingProducerListener;

/** A send the broker refuses is logged by its topic, without the start of a junk record's payload. */
class ProducerErrorLogTest {

    @Test
    void aRefusedSendIsLoggedWithoutItsPayload() {
        Logger logger = (Logger) LoggerFactory.getLogger(LoggingProducerListener.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            new LocusCommonConfiguration().kafkaProducerListener().onError(
                    new ProducerRecord<>("locus.dead-letters", "junk-key", "x".repeat(1000)), null,
                    new RecordTooLargeException("The message is 1000123 bytes when serialized"));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).hasSize(1);
        String line = appender.list.get(0).getFormattedMessage();
        assertThat(line).contains("locus.dead-letters").doesNotContain("xxxxxxxxxx");
    }
}
