package dev.locus.worker.direction;

import dev.locus.common.jobs.JobType;
import dev.locus.common.messages.DiscoveryJob;
import dev.locus.common.messages.LegacyDiscoveryJob;
import dev.locus.worker.runtime.JobMessages;
import dev.locus.worker.runtime.JobRunner;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Takes discovery jobs off Kafka, one at a time per worker. */
@Component
public class DiscoveryListener {

    private final JobRunner runner;
    private final Discovery discovery;
    private final JsonMapper json;

    public DiscoveryListener(JobRunner runner, Discovery discovery, JsonMapper json) {
        this.runner = runner;
        this.discovery = discovery;
        this.json = json;
    }

    @KafkaListener(id = "discovery-jobs", idIsGroup = false, topics = "${locus.kafka.topics.discovery-jobs:locus.discovery-jobs}")
    public void onJob(String message, Acknowledgment acknowledgment) {
        DiscoveryJob job = LegacyDiscoveryJob.isLegacy(json, message)
                ? JobMessages.parse(json, message, LegacyDiscoveryJob.class, "a discovery job",
                        j -> j.jobId() != null && j.method() != null).toJob()
                : JobMessages.parse(json, message, DiscoveryJob.class, "a discovery job",
                        j -> j.jobId() != null && j.params() != null);
        runner.runAndAcknowledge(job.jobId(), JobType.DISCOVERY, message, acknowledgment,
                execution -> discovery.run(job, execution));
    }
}
