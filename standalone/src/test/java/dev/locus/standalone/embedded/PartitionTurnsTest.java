package dev.locus.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.worker.runtime.PartitionTurns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * A worker with backlogs on several partitions takes their jobs in turn: after a crash one consumer drained p0 to
 * p11 in order, so a job's wait depended on its partition, not its age. A listener container as the workers run it
 * (their consumer settings from locus-worker.yml, manual acknowledgement, the {@link PartitionTurns} interceptor).
 */
class PartitionTurnsTest {

    @Test
    void backlogsOnThreePartitionsAreServedInTurn(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, new EmbeddedKafka.Config(0, 0, 3))) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("jobs", 3, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                for (int partition = 0; partition < 3; partition++) {
                    for (int i = 0; i < 4; i++) {
                        // one record per send, as the outbox relay sends jobs
                        producer.send(new ProducerRecord<>("jobs", partition, "job-" + partition + "-" + i,
                                "{\"job\": \"" + "x".repeat(300) + "\"}")).get();
                    }
                }
            }

            Map<String, Object> config = workerConsumerSettings();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "workers");
            ContainerProperties properties = new ContainerProperties("jobs");
            properties.setAckMode(ContainerProperties.AckMode.MANUAL);
            List<Integer> order = new CopyOnWriteArrayList<>();
            properties.setMessageListener((AcknowledgingMessageListener<String, String>) (record, ack) -> {
                order.add(record.partition());
                ack.acknowledge();
            });
            KafkaMessageListenerContainer<String, String> container = new KafkaMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer()),
                    properties);
            @SuppressWarnings({"unchecked", "rawtypes"})
            PartitionTurns turns = new PartitionTurns();
            container.setRecordInterceptor((org.springframework.kafka.listener.RecordInterceptor) turns);
            container.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (order.size() < 12 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                container.stop();
            }
            System.out.println("partitions in the order their jobs were taken: " + order);
            assertThat(order).hasSize(12);
            // without turns: [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]. With them, once the consumer knows every
            // partition's backlog (after its first fetch), each partition waits for the others' turns
            assertThat(order.subList(0, 6)).as(order.toString()).contains(0, 1, 2);
            for (int i = 2; i < order.size(); i++) {
                assertThat(order.get(i)).as("job %d of %s", i, order).isNotEqualTo(order.get(i - 1));
            }
        }
    }

    /** spring.kafka.consumer.* of locus-worker.yml, as Kafka consumer properties. */
    private static Map<String, Object> workerConsumerSettings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("locus-worker.yml"));
        Properties all = yaml.getObject();
        Map<String, Object> out = new HashMap<>();
        out.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, all.getProperty("spring.kafka.consumer.max-poll-records"));
        out.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, all.getProperty("spring.kafka.consumer.auto-offset-reset"));
        out.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, all.getProperty("spring.kafka.consumer.enable-auto-commit"));
        String prefix = "spring.kafka.consumer.properties.";
        all.stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                .forEach(name -> out.put(name.substring(prefix.length()), all.getProperty(name)));
        return out;
    }
}
