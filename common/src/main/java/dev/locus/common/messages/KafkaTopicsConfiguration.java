package dev.locus.common.messages;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates Locus's topics at startup (Spring's KafkaAdmin adds missing ones, never shrinks). */
@Configuration(proxyBeanMethods = false)
public class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics locusTopics(LocusKafkaProperties kafka) {
        LocusKafkaProperties.Topics topics = kafka.topics();
        return new KafkaAdmin.NewTopics(
                topic(topics.discoveryJobs(), kafka), topic(topics.editJobs(), kafka),
                topic(topics.jobEvents(), kafka), topic(topics.deadLetters(), kafka));
    }

    private static NewTopic topic(String name, LocusKafkaProperties kafka) {
        return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicas()).build();
    }
}
