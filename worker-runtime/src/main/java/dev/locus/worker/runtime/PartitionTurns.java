package dev.locus.worker.runtime;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.stereotype.Component;

/**
 * A worker takes its partitions' jobs in turn. Kafka's consumer hands out a fetched partition's records until they
 * are used up, so a worker with backlogs on several partitions drained one partition after the other (seen after a
 * crash: p0 to p11, each backlog in full) and a job's wait depended on its partition, not its age. After each job,
 * its partition waits (paused) while another assigned partition is known to have jobs waiting; once every such
 * partition had a turn, all resume. A partition is paused only while another one has work, so nothing starves.
 * Runs on the consumer's thread, after each record, as a Spring Kafka record interceptor.
 */
@Component
public class PartitionTurns implements RecordInterceptor<Object, Object> {

    /** Partitions that had their turn in this round: touched only by the consumer thread. */
    private final Set<TopicPartition> served = new HashSet<>();

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                    Consumer<Object, Object> consumer) {
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        served.retainAll(assigned);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        served.add(partition);
        if (!othersWaiting(consumer, assigned)) {
            // every partition with work had its turn: a new round, which this partition has just begun
            Set<TopicPartition> paused = new HashSet<>(consumer.paused());
            paused.retainAll(served);
            consumer.resume(paused);
            served.clear();
            served.add(partition);
        }
        if (othersWaiting(consumer, assigned)) {
            consumer.pause(Set.of(partition));
        }
    }

    private boolean othersWaiting(Consumer<Object, Object> consumer, Set<TopicPartition> assigned) {
        return assigned.stream().anyMatch(other -> !served.contains(other) && hasWaiting(consumer, other));
    }

    private static boolean hasWaiting(Consumer<Object, Object> consumer, TopicPartition partition) {
        OptionalLong lag = consumer.currentLag(partition);
        return lag.isPresent() && lag.getAsLong() > 0;
    }
}
