package dev.locus.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.common.jobs.JobState;
import dev.locus.common.jobs.JobType;
import dev.locus.common.jobs.JobView;
import dev.locus.common.messages.DiscoveryResult;
import dev.locus.common.messages.EditResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResultMapperTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ResultMapper mapper = new ResultMapper(new Links("https://locus.example/"), key -> "https://s3/" + key + "?sig");
    private final UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");

    private JobView job(JobType type, Object result) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return new JobView(id, type, JobState.SUCCEEDED, "faces", null, null, json.valueToTree(result), 1, null, t, t, t, t);
    }

    @Test
    void discoveryResultsLinkTheDirection() {
        UUID version = UUID.randomUUID();
        JsonNode result = mapper.toClient(job(JobType.DISCOVERY, new DiscoveryResult(version, "eyes@3", "eyes", 3,
                List.of(2.0, 1.0), List.of("eyes.0", "eyes.1")))).result();
        JsonNode direction = result.path("directions").get(0);
        assertThat(result.path("directions").size()).isEqualTo(1);
        assertThat(direction.path("ref").asString()).isEqualTo("eyes@3");
        assertThat(direction.path("id").asString()).isEqualTo(version.toString());
        assertThat(direction.path("url").asString()).isEqualTo("https://locus.example/v1/directions/eyes@3");
        assertThat(direction.path("labels").size()).isEqualTo(2);
    }

    @Test
    void editResultsBecomeLinks() {
        JobView view = job(JobType.EDIT, new EditResult(List.of(new EditResult.Image(-2.0, "results/a.png", "aa"),
                new EditResult.Image(2.0, "results/b.png", "bb")), java.util.Map.of("engine", 1200L, "storing", 15L)));
        JsonNode images = mapper.toClient(view).result().path("images");
        assertThat(mapper.toClient(view).result().path("timings").path("engine").asLong()).isEqualTo(1200L);
        assertThat(images.size()).isEqualTo(2);
        assertThat(images.get(0).path("strength").asDouble()).isEqualTo(-2.0);
        assertThat(images.get(0).path("url").asString()).isEqualTo("https://s3/results/a.png?sig");
        assertThat(images.get(1).path("download").asString())
                .isEqualTo("https://locus.example/v1/jobs/" + id + "/images/1");
        assertThat(images.get(0).has("key")).isFalse();
        assertThat(ResultMapper.editImageKey(view, 1)).isEqualTo("results/b.png");
        assertThat(ResultMapper.editImageKey(view, 2)).isNull();
    }

    @Test
    void aSingleEditHasANullStrength() {
        JsonNode image = mapper.toClient(job(JobType.EDIT, new EditResult(List.of(new EditResult.Image(null, "k", "s")), java.util.Map.of())))
                .result().path("images").get(0);
        assertThat(image.get("strength").isNull()).isTrue();
    }

    @Test
    void jobsWithoutResultsAreUnchanged() {
        Instant t = Instant.now();
        JobView queued = new JobView(id, JobType.EDIT, JobState.QUEUED, "faces", null, null, null, 0, null, t, null, null, t);
        assertThat(mapper.toClient(queued)).isSameAs(queued);
        assertThat(ResultMapper.editImageKey(queued, 0)).isNull();
    }

    @Test
    void linksAreRelativeWithoutAPublicUrl() {
        Links links = new Links(null);
        assertThat(links.job(id)).isEqualTo("/v1/jobs/" + id);
        assertThat(links.basis("eyes@1")).isEqualTo("/v1/directions/eyes@1/basis");
    }
}
