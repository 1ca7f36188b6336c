package dev.locus.gateway.jobs;

import static dev.locus.gateway.jobs.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.gateway.problems.Reasons;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(JsonMapper.builder().build());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsARequest() {
        EditRequest r = bodies.read(utf8("{\"model\":\"faces\",\"directions\":[{\"ref\":\"eyes@1\",\"strength\":2}]}"),
                EditRequest.class);
        assertThat(r.model()).isEqualTo("faces");
        assertThat(r.directions().get(0).strength()).isEqualTo(2.0);
        assertThat(r.directions().get(0).index()).isNull();
    }

    @Test
    void aWrongTypeNamesItsPath() {
        problem(() -> bodies.read(utf8("{\"directions\":[{\"ref\":\"a\"},{\"ref\":\"b\",\"strength\":\"lots\"}]}"),
                EditRequest.class), 400, "directions[1].strength", Reasons.MALFORMED);
    }

    @Test
    void anUnknownPropertyIsRefused() {
        problem(() -> bodies.read(utf8("{\"model\":\"faces\",\"nullrank\":3}"), DiscoveryRequest.class), 400,
                "nullrank", Reasons.MALFORMED);
    }

    @Test
    void brokenOrMissingJsonIsRefused() {
        problem(() -> bodies.read(utf8("{\"model\":"), EditRequest.class), 400, null, Reasons.MALFORMED);
        problem(() -> bodies.read(new byte[0], EditRequest.class), 400, null, Reasons.REQUIRED);
    }
}
