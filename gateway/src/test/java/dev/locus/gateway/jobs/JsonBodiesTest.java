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

    @Test
    void aFractionWhereAnIntegerBelongsIsRefused() {
        problem(() -> bodies.read(utf8("{\"steps\":20.5}"), DiscoveryRequest.class), 400, "steps", Reasons.MALFORMED);
        problem(() -> bodies.read(utf8("{\"seed\":1.5}"), DiscoveryRequest.class), 400, "seed", Reasons.MALFORMED);
        problem(() -> bodies.read(utf8("{\"rank\":3.5}"), DiscoveryRequest.class), 400, "rank", Reasons.MALFORMED);
        problem(() -> bodies.read(utf8("{\"directions\":[{\"ref\":\"a\",\"index\":1.7}]}"), EditRequest.class), 400,
                "directions[0].index", Reasons.MALFORMED);
    }

    @Test
    void numbersAndTextAreNotCoercedIntoEachOther() {
        problem(() -> bodies.read(utf8("{\"directions\":[{\"ref\":\"a\",\"strength\":\"8\"}]}"), EditRequest.class),
                400, "directions[0].strength", Reasons.MALFORMED);
        problem(() -> bodies.read(utf8("{\"steps\":\"20\"}"), DiscoveryRequest.class), 400, "steps", Reasons.MALFORMED);
        problem(() -> bodies.read(utf8("{\"tags\":[1]}"), DiscoveryRequest.class), 400, "tags[0]", Reasons.MALFORMED);
        problem(() -> bodies.read(utf8("{\"model\":7}"), DiscoveryRequest.class), 400, "model", Reasons.MALFORMED);
        problem(() -> bodies.read(utf8("{\"jive\":\"true\"}"), DiscoveryRequest.class), 400, "jive", Reasons.MALFORMED);
    }

    @Test
    void aDuplicateKeyIsRefusedRatherThanTheLastOneWinning() {
        problem(() -> bodies.read(utf8("{\"steps\":20,\"steps\":30}"), DiscoveryRequest.class), 400, null,
                Reasons.MALFORMED);
    }

    @Test
    void integralNumbersStillReadAsFractionsWhereAFractionBelongs() {
        DiscoveryRequest r = bodies.read(utf8("{\"timestep\":1,\"steps\":20}"), DiscoveryRequest.class);
        assertThat(r.timestep()).isEqualTo(1.0);
        assertThat(r.steps()).isEqualTo(20);
    }

    @Test
    void theSameRequestWrittenDifferentlyHasOneCanonicalForm() {
        byte[] a = bodies.canonical(bodies.read(utf8("{\"model\":\"faces\",\"directions\":[{\"ref\":\"eyes@1\",\"strength\":2}]}"),
                EditRequest.class));
        byte[] b = bodies.canonical(bodies.read(utf8("{ \"directions\" : [ {\"strength\": 2.0, \"ref\": \"eyes@1\"} ],\n  \"model\": \"faces\" }"),
                EditRequest.class));
        byte[] other = bodies.canonical(bodies.read(utf8("{\"model\":\"faces\",\"directions\":[{\"ref\":\"eyes@1\",\"strength\":3}]}"),
                EditRequest.class));
        assertThat(b).isEqualTo(a);
        assertThat(other).isNotEqualTo(a);
    }
}
