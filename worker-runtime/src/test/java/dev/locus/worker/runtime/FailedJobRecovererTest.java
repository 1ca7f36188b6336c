package dev.locus.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.locus.common.jobs.JobStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;

class FailedJobRecovererTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final String junk = "x".repeat(990_000);
    private final ConsumerRecord<String, String> record = new ConsumerRecord<>("locus.edit-jobs", 3, 17L, "junk-key", junk);

    @Test
    void aRecordTheDeadLetterTopicRefusesIsSkippedAndCountedNotHandedBackForEver() {
        AtomicInteger attempts = new AtomicInteger();
        FailedJobRecoverer recoverer = new FailedJobRecoverer((JobStore) null, new WorkerMetrics(registry),
                (r, e) -> {
                    attempts.incrementAndGet();
                    throw new KafkaException("Dead-letter publication to locus.dead-letters failed",
                            new RecordTooLargeException("The message is 1000123 bytes when serialized"));
                }, "locus.edit-jobs", "worker-1");

        assertThatCode(() -> recoverer.accept(record, new BadJobException("INVALID_MESSAGE", "not an edit job: " + junk)))
                .doesNotThrowAnyException();
        assertThat(attempts).hasValue(1);
        assertThat(registry.get("locus.jobs.undeliverable").tag("type", "edit").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aLogLineCarriesABoundedPartOfAMessage() {
        String logged = FailedJobRecoverer.abbreviated("not an edit job: " + junk);
        assertThat(logged.length()).isLessThan(FailedJobRecoverer.MAX_LOGGED_MESSAGE + 40);
        assertThat(logged).endsWith("(" + (junk.length() + 17) + " characters)");
        assertThat(FailedJobRecoverer.abbreviated("short")).isEqualTo("short");
        assertThat(junk.getBytes(StandardCharsets.UTF_8)).hasSize(990_000);
    }
}
