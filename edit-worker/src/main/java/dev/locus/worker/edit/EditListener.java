package dev.locus.worker.edit;

import dev.locus.common.jobs.JobType;
import dev.locus.common.messages.EditJob;
import dev.locus.worker.runtime.JobMessages;
import dev.locus.worker.runtime.JobRunner;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Takes edit jobs off Kafka, one at a time per worker. */
@Component
public class EditListener {

    private final JobRunner runner;
    private final Edit edit;
    private final JsonMapper json;

    public EditListener(JobRunner runner, Edit edit, JsonMapper json) {
        this.runner = runner;
        this.edit = edit;
        this.json = json;
    }

    @KafkaListener(id = "edit-jobs", idIsGroup = false, topics = "${locus.kafka.topics.edit-jobs:locus.edit-jobs}")
    public void onJob(String message, Acknowledgment acknowledgment) {
        EditJob job = JobMessages.parse(json, message, EditJob.class, "an edit job",
                j -> j.jobId() != null && j.directions() != null && !j.directions().isEmpty());
        runner.runAndAcknowledge(job.jobId(), JobType.EDIT, message, acknowledgment,
                execution -> edit.run(job, execution));
    }
}
