package dev.locus.common;

import dev.locus.common.messages.LocusKafkaProperties;
import dev.locus.common.models.ModelCatalog;
import dev.locus.common.models.ModelProperties;
import dev.locus.common.storage.BlobStore;
import dev.locus.common.storage.StorageProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;

/** What every Locus service imports: the registry, the job store, topics, storage and models. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EntityScan
@EnableJpaRepositories
@EnableConfigurationProperties({LocusKafkaProperties.class, StorageProperties.class, ModelProperties.class})
public class LocusCommonConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BlobStore blobStore(StorageProperties properties) {
        return new BlobStore(properties);
    }

    @Bean
    ModelCatalog modelCatalog(ModelProperties properties) {
        return new ModelCatalog(properties);
    }

    /**
     * A failed send is logged with its topic, not with its key and the start of its payload: a junk record the dead-letter
     * topic refuses would otherwise put its first bytes in the log (Spring Boot's default listener includes them).
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}
