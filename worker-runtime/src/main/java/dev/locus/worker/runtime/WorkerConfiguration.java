package dev.locus.worker.runtime;

import dev.locus.common.LocusCommonConfiguration;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.messages.LocusKafkaProperties;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/** What both workers add to the common configuration: the job runner and Kafka error handling. */
@Configuration(proxyBeanMethods = false)
@Import(LocusCommonConfiguration.class)
@ComponentScan
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerConfiguration {

    /**
     * Transient failures are retried on the spot with exponential backoff; bad input is not
     * retried. Either way, a job that cannot finish is marked FAILED with its reason and its
     * message goes to the dead-letter topic. Spring Boot wires this handler into the listener
     * container factory.
     */
    @Bean
    DefaultErrorHandler jobErrorHandler(KafkaTemplate<String, String> kafka, LocusKafkaProperties topics,
                                        JobStore jobs, WorkerMetrics metrics, WorkerProperties properties,
                                        ConsumerFactory<?, ?> consumers, JobRunner runner) {
        PollIntervalCheck.check(consumers.getConfigurationProperties(), properties);
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, error) -> new TopicPartition(topics.topics().deadLetters(), -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retries());
        backOff.setInitialInterval(properties.retryBackoff().toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(properties.maxRetryBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(new FailedJobRecoverer(jobs, metrics, deadLetters,
                topics.topics().editJobs(), runner.instanceId()), backOff);
        handler.addNotRetryableExceptions(BadJobException.class, ForeignRecordException.class);
        return handler;
    }
}
