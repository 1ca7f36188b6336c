package dev.locus.gateway.jobs;

import dev.locus.common.jobs.Job;
import dev.locus.common.jobs.JobRepository;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.jobs.JobView;
import dev.locus.gateway.idempotency.IdempotencyStore;
import dev.locus.gateway.idempotency.IdempotentRequest;
import dev.locus.gateway.outbox.OutboxWriter;
import dev.locus.gateway.problems.ApiProblem;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts a validated job: in one transaction the job row, its outbox message (same JSON as the
 * row's request), the idempotency key and, for edits, the direction versions it uses. Either all
 * of them commit or none; the outbox relay then carries the message to Kafka.
 */
@Service
public class JobSubmitter {

    /** The job to show the client, and whether it was created by an earlier request with the same key. */
    public record Submission(JobView job, boolean replayed) {}

    private final JobStore jobs;
    private final OutboxWriter outbox;
    private final IdempotencyStore keys;
    private final JdbcClient jdbc;
    private final JobRepository jobRows;

    public JobSubmitter(JobStore jobs, OutboxWriter outbox, IdempotencyStore keys, JdbcClient jdbc,
                        JobRepository jobRows) {
        this.jobs = jobs;
        this.jobRows = jobRows;
        this.outbox = outbox;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    /** The job an earlier request with the same key created, before validating this one again. */
    @Transactional(readOnly = true)
    public Optional<JobView> replay(IdempotentRequest request) {
        if (request == null) {
            return Optional.empty();
        }
        return keys.find(request.scope(), request.key())
                .map(stored -> jobs.view(UUID.fromString(request.replay(stored))));
    }

    @Transactional
    public Submission submit(IdempotentRequest request, Job job, String topic, Collection<UUID> directionVersions) {
        if (request != null && !keys.claim(request, job.getId().toString())) {
            // a concurrent request with the same key committed first
            String existing = request.replay(keys.find(request.scope(), request.key()).orElseThrow());
            return new Submission(jobs.view(UUID.fromString(existing)), true);
        }
        JobView view = jobs.create(job);
        jobRows.flush(); // the JDBC inserts below reference the job row
        outbox.append(topic, job.getId().toString(), job.getRequest());
        for (UUID version : directionVersions) {
            jdbc.sql("insert into edit_directions (job_id, direction_version_id) values (?, ?) on conflict do nothing")
                    .params(job.getId(), version).update();
        }
        // The insert above waited for a concurrent deletion holding the version row; see what it did.
        for (UUID version : directionVersions) {
            boolean deleted = jdbc.sql("select deleted_at is not null from direction_versions where id = ?")
                    .param(version).query(Boolean.class).single();
            if (deleted) {
                throw ApiProblem.notFound("directions", "direction version " + version + " was deleted just now");
            }
        }
        return new Submission(view, false);
    }
}
