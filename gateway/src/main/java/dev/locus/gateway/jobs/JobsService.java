package dev.locus.gateway.jobs;

import dev.locus.common.jobs.Job;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.jobs.JobType;
import dev.locus.common.jobs.JobView;
import dev.locus.common.messages.DiscoveryJob;
import dev.locus.common.messages.EditJob;
import dev.locus.common.messages.LocusKafkaProperties;
import dev.locus.common.storage.BlobStore;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.idempotency.IdempotentRequest;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.results.ResultMapper;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Submitting, reading and canceling jobs; the controllers stay thin. */
@Service
public class JobsService {

    private final JobSubmitter submitter;
    private final JobStore jobs;
    private final DiscoveryValidator discoveries;
    private final EditValidator edits;
    private final LocusKafkaProperties kafka;
    private final ResultMapper results;
    private final BlobStore blobs;
    private final JsonMapper json;
    private final Clock clock;

    public JobsService(JobSubmitter submitter, JobStore jobs, Lookups lookups, GatewayProperties properties,
                       LocusKafkaProperties kafka, ResultMapper results, BlobStore blobs, JsonMapper json, Clock clock) {
        this.submitter = submitter;
        this.jobs = jobs;
        this.discoveries = new DiscoveryValidator(lookups, properties.discovery());
        this.edits = new EditValidator(lookups, properties.limits());
        this.kafka = kafka;
        this.results = results;
        this.blobs = blobs;
        this.json = json;
        this.clock = clock;
    }

    public JobSubmitter.Submission discover(DiscoveryRequest request, IdempotentRequest idempotency) {
        var replay = submitter.replay(idempotency);
        if (replay.isPresent()) {
            return new JobSubmitter.Submission(results.toClient(replay.get()), true);
        }
        UUID id = UUID.randomUUID();
        DiscoveryJob job = discoveries.validate(id, request);
        String payload = json.writeValueAsString(job);
        Job row = Job.queued(id, JobType.DISCOVERY, job.modelId(), payload, DiscoveryValidator.webhookUrl(request),
                clock.instant());
        return client(submitter.submit(idempotency, row, kafka.topics().discoveryJobs(), Set.of()));
    }

    public JobSubmitter.Submission edit(EditRequest request, IdempotentRequest idempotency) {
        var replay = submitter.replay(idempotency);
        if (replay.isPresent()) {
            return new JobSubmitter.Submission(results.toClient(replay.get()), true);
        }
        UUID id = UUID.randomUUID();
        EditJob job = edits.validate(id, request);
        String payload = json.writeValueAsString(job);
        Job row = Job.queued(id, JobType.EDIT, job.modelId(), payload, request.webhookUrl(), clock.instant());
        Set<UUID> versions = new LinkedHashSet<>();
        job.directions().forEach(term -> versions.add(term.versionId()));
        return client(submitter.submit(idempotency, row, kafka.topics().editJobs(), versions));
    }

    public JobView view(UUID id) {
        return results.toClient(jobs.view(id));
    }

    public JobView cancel(UUID id) {
        return results.toClient(jobs.requestCancel(id));
    }

    /** The PNG bytes of image {@code index} of a succeeded edit. */
    public byte[] editImage(UUID id, int index) {
        JobView job = jobs.view(id);
        String key = ResultMapper.editImageKey(job, index);
        if (key == null) {
            throw ApiProblem.notFound("index", "job " + id + " has no image " + index + " (state " + job.state() + ")");
        }
        return blobs.get(key);
    }

    private JobSubmitter.Submission client(JobSubmitter.Submission submission) {
        return new JobSubmitter.Submission(results.toClient(submission.job()), submission.replayed());
    }
}
