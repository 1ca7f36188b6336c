package dev.locus.common.messages;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Locus's topics. The partition count is the ceiling on parallel workers per consumer group.
 *
 * @param partitions partitions of every job topic, created at startup
 * @param replicas   replication factor (1 for a single broker)
 */
@ConfigurationProperties("locus.kafka")
public record LocusKafkaProperties(@DefaultValue("12") int partitions, @DefaultValue("1") short replicas,
                                   @DefaultValue Topics topics) {

    public record Topics(@DefaultValue("locus.discovery-jobs") String discoveryJobs,
                         @DefaultValue("locus.edit-jobs") String editJobs,
                         @DefaultValue("locus.job-events") String jobEvents,
                         @DefaultValue("locus.dead-letters") String deadLetters) {}
}
