package dev.locus.common.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DiscoveryJobJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theParametersTravelWithTheirMethodsName() {
        DiscoveryJob loco = job(new DiscoveryJob.LocoParams("mask", 0.6, 3, 5, true));
        DiscoveryJob jive = job(new DiscoveryJob.JiveParams(List.of(new DiscoveryJob.Region("eyes", "m1")), 0.6, 50, 30, 5,
                false));
        for (DiscoveryJob job : List.of(loco, jive)) {
            String text = json.writeValueAsString(job);
            assertThat(json.readValue(text, DiscoveryJob.class)).isEqualTo(job);
        }
        JsonNode params = json.readTree(json.writeValueAsString(jive)).get("params");
        assertThat(params.get("method").asString()).isEqualTo("JIVE");
        assertThat(params.has("individualRank")).isTrue();
        assertThat(params.has("nullRank")).as("no LOCO field in a JIVE job").isFalse();
    }

    @Test
    void parametersOfAnUnknownMethodAreNoJob() {
        String text = json.writeValueAsString(job(new DiscoveryJob.LocoParams("mask", 0.6, 3, 5, true)))
                .replace("\"method\":\"LOCO\"", "\"method\":\"EULER\"");
        assertThatThrownBy(() -> json.readValue(text, DiscoveryJob.class)).hasMessageContaining("EULER");
    }

    /** What a gateway wrote before the parameters were typed, as a job row still holds it. */
    @Test
    void aJobInTheOldFlatShapeReadsAsTheSameJob() {
        UUID id = UUID.randomUUID();
        String jive = "{\"jobId\":\"" + id + "\",\"modelId\":\"faces\",\"modelFingerprint\":\"sha256:ab\","
                + "\"imageId\":\"img\",\"method\":\"JIVE\",\"maskImageId\":null,\"regions\":[{\"name\":\"eyes\","
                + "\"maskImageId\":\"m1\"}],\"timestep\":0.6,\"rank\":50,\"nullRank\":0,\"nullSpaceProjection\":false,"
                + "\"jointRank\":30,\"individualRank\":5,\"jive\":true,\"steps\":20,\"seed\":7,\"name\":\"eyes\","
                + "\"tags\":[],\"description\":null}";
        assertThat(LegacyDiscoveryJob.isLegacy(json, jive)).isTrue();
        DiscoveryJob job = json.readValue(jive, LegacyDiscoveryJob.class).toJob();
        assertThat(job.params()).isEqualTo(new DiscoveryJob.JiveParams(List.of(new DiscoveryJob.Region("eyes", "m1")),
                0.6, 50, 30, 5, true));
        assertThat(job.jobId()).isEqualTo(id);
        assertThat(job.steps()).isEqualTo(20);
        assertThat(job.seed()).isEqualTo(7);

        String loco = jive.replace("\"method\":\"JIVE\",\"maskImageId\":null", "\"method\":\"LOCO\",\"maskImageId\":\"m\"")
                .replace("\"rank\":50,\"nullRank\":0", "\"rank\":3,\"nullRank\":5");
        assertThat(json.readValue(loco, LegacyDiscoveryJob.class).toJob().params())
                .isEqualTo(new DiscoveryJob.LocoParams("m", 0.6, 3, 5, false));
        assertThat(LegacyDiscoveryJob.isLegacy(json, json.writeValueAsString(job))).isFalse();
        assertThat(LegacyDiscoveryJob.isLegacy(json, "not json")).isFalse();
    }

    private static DiscoveryJob job(DiscoveryJob.Params params) {
        return new DiscoveryJob(UUID.randomUUID(), "faces", "sha256:ab", "img", params, 50, 0, "eyes", List.of("t"), null);
    }
}
