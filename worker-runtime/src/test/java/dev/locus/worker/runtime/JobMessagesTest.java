package dev.locus.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.common.messages.EditJob;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobMessagesTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsACompleteJob() {
        UUID id = UUID.randomUUID();
        EditJob sent = new EditJob(id, "m", "sha256:f", "img", List.of(new EditJob.Term(UUID.randomUUID(), "eyes@1", 0, 2.5)),
                List.of(-1.0, 1.0), 20, 3);
        EditJob read = JobMessages.parse(json, json.writeValueAsString(sent), EditJob.class, "an edit job",
                j -> j.jobId() != null);
        assertThat(read).isEqualTo(sent);
    }

    @Test
    void garbageAndIncompleteJobsAreBadJobs() {
        assertThatThrownBy(() -> JobMessages.parse(json, "{not json", EditJob.class, "an edit job", j -> true))
                .isInstanceOf(BadJobException.class).hasMessageStartingWith("not an edit job")
                .extracting(e -> ((BadJobException) e).code()).isEqualTo("INVALID_MESSAGE");
        assertThatThrownBy(() -> JobMessages.parse(json, "{\"steps\": 20, \"seed\": 0}", EditJob.class, "an edit job",
                j -> j.jobId() != null))
                .isInstanceOf(BadJobException.class).hasMessageContaining("incomplete");
    }

}
