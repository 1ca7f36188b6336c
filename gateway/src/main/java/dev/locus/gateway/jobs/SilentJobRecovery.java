package dev.locus.gateway.jobs;

import dev.locus.common.jobs.JobRepository;
import dev.locus.common.jobs.JobState;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.jobs.JobType;
import dev.locus.common.jobs.JobView;
import dev.locus.common.messages.LocusKafkaProperties;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No job stays RUNNING on a worker that died: a running job's worker beats on its row every few seconds, and a job
 * whose beats stopped for {@code locus.gateway.silent-jobs.after} goes back to the queue, its message sent again
 * through the outbox in the same transaction, or fails with WORKER_LOST once it has had its attempts. Any number of
 * gateways may run this: each job is changed on its locked row, and only while it is still silent.
 */
@Service
public class SilentJobRecovery {

    private static final Logger log = LoggerFactory.getLogger(SilentJobRecovery.class);

    private final JobStore jobs;
    private final JobRepository rows;
    private final OutboxWriter outbox;
    private final LocusKafkaProperties kafka;
    private final GatewayProperties.SilentJobs settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public SilentJobRecovery(JobStore jobs, JobRepository rows, OutboxWriter outbox, LocusKafkaProperties kafka,
                             GatewayProperties properties, TransactionTemplate transaction, Clock clock) {
        this.jobs = jobs;
        this.rows = rows;
        this.outbox = outbox;
        this.kafka = kafka;
        this.settings = properties.silentJobs();
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One pass: every job silent for longer than the limit, re-queued or failed. */
    public int recoverOnce() {
        Instant cutoff = clock.instant().minus(settings.after());
        int recovered = 0;
        for (UUID id : jobs.silentSince(cutoff, settings.batchSize())) {
            Optional<JobView> changed = transaction.execute(status -> recover(id, cutoff));
            if (changed != null && changed.isPresent()) {
                recovered++;
                JobView job = changed.get();
                log.warn("job {} ({}) had no heartbeat since before {}: {}", id, job.type(), cutoff,
                        job.state() == JobState.FAILED ? "failed after " + job.attempts() + " attempts"
                                : "re-queued for attempt " + (job.attempts() + 1));
            }
        }
        return recovered;
    }

    private Optional<JobView> recover(UUID id, Instant cutoff) {
        Optional<JobView> changed = jobs.recoverSilent(id, cutoff, settings.maxAttempts());
        changed.filter(job -> job.state() == JobState.QUEUED).ifPresent(job -> {
            String topic = job.type() == JobType.EDIT ? kafka.topics().editJobs() : kafka.topics().discoveryJobs();
            outbox.append(topic, id.toString(), rows.findById(id).orElseThrow().getRequest());
        });
        return changed;
    }
}
