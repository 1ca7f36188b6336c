package dev.locus.gateway.jobs;

import static dev.locus.gateway.jobs.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.common.messages.DiscoveryJob;
import dev.locus.engine.api.Method;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DiscoveryValidatorTest {

    private final FakeLookups lookups = new FakeLookups();
    private final DiscoveryValidator validator = new DiscoveryValidator(lookups, new GatewayProperties.Discovery(16, 32, 64));
    private final String image = lookups.image('1', 32, 32);
    private final String mask = lookups.image('2', 32, 32);
    private final String mouth = lookups.image('3', 32, 32);
    private final String big = lookups.image('4', 64, 48);
    private final UUID id = UUID.randomUUID();

    private DiscoveryRequest loco(String mask) {
        return new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, null, null, null, null, null, null,
                null, "eyes", null, null, null);
    }

    private DiscoveryRequest jive(List<DiscoveryRequest.Region> regions) {
        return new DiscoveryRequest("faces", image, "jive", null, regions, null, null, null, null, null, null, null, null,
                null, "face-parts", List.of("faces", "jive"), "regions", "https://example.com/hook");
    }

    @Test
    void locoDefaultsAreFilledIn() {
        DiscoveryJob job = validator.validate(id, loco(mask));
        assertThat(job.jobId()).isEqualTo(id);
        assertThat(job.modelFingerprint()).isEqualTo(FakeLookups.FP_A);
        assertThat(job.params()).isEqualTo(new DiscoveryJob.LocoParams(mask, 0.6, 3, 5, true));
        assertThat(job.params().method()).isEqualTo(Method.LOCO);
        assertThat(job.steps()).isEqualTo(50);
        assertThat(job.seed()).isZero();
        assertThat(job.tags()).isEmpty();
    }

    @Test
    void jiveDefaultsAreFilledIn() {
        DiscoveryJob job = validator.validate(id, jive(List.of(new DiscoveryRequest.Region("eyes", mask),
                new DiscoveryRequest.Region("mouth", mouth))));
        // the API's rank is JIVE's r_A; r (the Jacobians' rank) is jacobianRank
        assertThat(job.params()).isEqualTo(new DiscoveryJob.JiveParams(List.of(new DiscoveryJob.Region("eyes", mask),
                new DiscoveryJob.Region("mouth", mouth)), 0.6, 50, 30, 5, true));
        assertThat(job.params().method()).isEqualTo(Method.JIVE);
        assertThat(job.tags()).containsExactly("faces", "jive");
    }

    @Test
    void aRetiredModelTakesNoNewJobs() {
        lookups.models.get("faces").retire(java.time.Instant.parse("2026-11-22T10:00:00Z"));
        problem(() -> validator.validate(id, loco(mask)), 422, "model", Reasons.RETIRED);
        assertThatThrownBy(() -> validator.validate(id, loco(mask))).hasMessageContaining("faces")
                .hasMessageContaining("2026-11-22T10:00:00Z").hasMessageContaining("locus.models.paths");
    }

    @Test
    void everyProblemNamesItsField() {
        problem(() -> validator.validate(id, withName(loco(mask), null)), 400, "name", Reasons.REQUIRED);
        problem(() -> validator.validate(id, withName(loco(mask), "bad name!")), 400, "name", Reasons.MALFORMED);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "PCA", mask, null, null, null, null,
                null, null, null, null, null, null, "x", null, null, null)), 400, "method", Reasons.MALFORMED);
        problem(() -> validator.validate(id, new DiscoveryRequest("nope", image, "LOCO", mask, null, null, null, null,
                null, null, null, null, null, null, "x", null, null, null)), 404, "model", Reasons.NOT_FOUND);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", "f".repeat(64), "LOCO", mask, null, null,
                null, null, null, null, null, null, null, null, "x", null, null, null)), 404, "image", Reasons.NOT_FOUND);
        problem(() -> validator.validate(id, loco(null)), 400, "mask", Reasons.REQUIRED);
        problem(() -> validator.validate(id, loco(big)), 422, "mask", Reasons.SIZE_MISMATCH);
        problem(() -> validator.validate(id, jive(List.of())), 400, "regions", Reasons.REQUIRED);
        problem(() -> validator.validate(id, jive(List.of(new DiscoveryRequest.Region("eyes", mask),
                new DiscoveryRequest.Region("eyes", mouth)))), 400, "regions[1].name", Reasons.DUPLICATE);
        problem(() -> validator.validate(id, jive(List.of(new DiscoveryRequest.Region("eyes", big)))), 422,
                "regions[0].mask", Reasons.SIZE_MISMATCH);
        problem(() -> validator.validate(id, jive(List.of(new DiscoveryRequest.Region(null, mask)))), 400,
                "regions[0].name", Reasons.REQUIRED);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, 1.5, null, null,
                null, null, null, null, null, null, "x", null, null, null)), 400, "timestep", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, 0, null,
                null, null, null, null, null, null, "x", null, null, null)), 400, "rank", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, -1,
                null, null, null, null, null, null, "x", null, null, null)), 400, "nullRank", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, 0,
                null, null, null, null, null, null, "x", null, null, null)), 400, "nullRank", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, null,
                null, null, null, null, null, null, UUID.randomUUID().toString(), null, null, null)), 400, "name",
                Reasons.MALFORMED);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, null,
                null, null, null, null, 0, null, "x", null, null, null)), 400, "steps", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, null,
                null, null, null, false, null, null, "x", null, null, null)), 400, "jive", Reasons.NOT_ALLOWED);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, null,
                null, null, null, null, null, null, "x", List.of("ok", "not ok"), null, null)), 400, "tags[1]",
                Reasons.MALFORMED);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "LOCO", mask, null, null, null, null,
                null, null, null, null, null, null, "x", null, null, "ftp://example.com")), 400, "webhookUrl",
                Reasons.MALFORMED);
    }

    @Test
    void aMaskMustSelectARegionAndLocosMustLeaveAnOutside() {
        String black = lookups.image('6', 32, 32);
        String white = lookups.image('7', 32, 32);
        lookups.insidePixels.put(black, 0);
        lookups.insidePixels.put(white, 32 * 32);
        assertThat(problem(() -> validator.validate(id, loco(black)), 422, "mask", Reasons.EMPTY_MASK).getMessage())
                .contains("selects no pixel");
        assertThat(problem(() -> validator.validate(id, loco(white)), 422, "mask", Reasons.FULL_MASK).getMessage())
                .contains("covers the whole image");
        problem(() -> validator.validate(id, jive(List.of(new DiscoveryRequest.Region("eyes", mask),
                new DiscoveryRequest.Region("mouth", black)))), 422, "regions[1].mask", Reasons.EMPTY_MASK);
        // one JIVE region may cover the whole image: there is then no rest
        assertThat(jiveParams(validator.validate(id, jive(List.of(new DiscoveryRequest.Region("all", white))))).regions())
                .hasSize(1);
    }

    @Test
    void restIsJivesNameForTheUncoveredPixels() {
        assertThat(problem(() -> validator.validate(id, jive(List.of(new DiscoveryRequest.Region("rest", mask)))),
                400, "regions[0].name", Reasons.RESERVED).getMessage()).contains("'rest' is reserved");
    }

    @Test
    void aMismatchedImageNamesBothSizes() {
        String wide = lookups.image('5', 64, 48);
        ApiProblem p = problem(() -> validator.validate(id, new DiscoveryRequest("faces", wide, "LOCO", mask, null, null,
                null, null, null, null, null, null, null, null, "x", null, null, null)), 422, "image", Reasons.SIZE_MISMATCH);
        assertThat(p.getMessage()).contains("64x48").contains("32x32");
        assertThat(p.properties()).containsEntry("actual", "64x48").containsEntry("expected", "32x32");
    }

    private static DiscoveryRequest withName(DiscoveryRequest r, String name) {
        return new DiscoveryRequest(r.model(), r.image(), r.method(), r.mask(), r.regions(), r.timestep(), r.rank(),
                r.nullRank(), r.nullSpaceProjection(), r.jointRank(), r.jacobianRank(), r.jive(), r.steps(), r.seed(),
                name, r.tags(), r.description(), r.webhookUrl());
    }

    private DiscoveryRequest loco(String mask, Double timestep, Integer rank, Integer nullRank, Integer steps) {
        return new DiscoveryRequest("faces", image, "LOCO", mask, null, timestep, rank, nullRank, null, null, null, null,
                steps, null, "eyes", null, null, null);
    }

    @Test
    void aRankTheRegionCannotHoldIsRefusedNamingTheRegionsDimension() {
        String tiny = lookups.image('6', 32, 32);
        lookups.insidePixels.put(tiny, 1); // one pixel of 3 channels: J has 3 rows
        assertThat(locoParams(validator.validate(id, loco(tiny, null, 3, null, null))).rank()).isEqualTo(3);
        ApiProblem p = problem(() -> validator.validate(id, loco(tiny, null, 4, null, null)), 422, "rank",
                Reasons.OUT_OF_RANGE);
        assertThat(p.getMessage()).contains("3");

        String almostAll = lookups.image('7', 32, 32);
        lookups.insidePixels.put(almostAll, 32 * 32 - 2); // 2 pixels outside: 6 rows for the null space
        problem(() -> validator.validate(id, loco(almostAll, null, null, 7, null)), 422, "nullRank", Reasons.OUT_OF_RANGE);
    }

    @Test
    void ranksAboveTheConfiguredCeilingsAreRefused() {
        problem(() -> validator.validate(id, loco(mask, null, 17, null, null)), 400, "rank", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, loco(mask, null, null, 256, null)), 400, "nullRank", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, new DiscoveryRequest("faces", image, "JIVE", null,
                List.of(new DiscoveryRequest.Region("eyes", mask)), null, null, null, null, null, 65, null, null, null,
                "x", null, null, null)), 400, "jacobianRank", Reasons.OUT_OF_RANGE);
        assertThat(locoParams(validator.validate(id, loco(mask, null, 16, 32, null))).nullRank()).isEqualTo(32);
    }

    @Test
    void timestepsAndStepsOutsideWhatCanWorkAreRefused() {
        problem(() -> validator.validate(id, loco(mask, 1.0, null, null, null)), 400, "timestep", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, loco(mask, 0.01, null, null, null)), 400, "timestep", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, loco(mask, null, null, null, 1)), 400, "steps", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, loco(mask, null, null, null, 1001)), 400, "steps", Reasons.OUT_OF_RANGE);
        assertThat(validator.validate(id, loco(mask, 0.05, null, null, 2)).steps()).isEqualTo(2);
        assertThat(validator.validate(id, loco(mask, 0.95, null, null, 1000)).params().tEdit()).isEqualTo(0.95);
    }

    private static DiscoveryJob.LocoParams locoParams(DiscoveryJob job) {
        return (DiscoveryJob.LocoParams) job.params();
    }

    private static DiscoveryJob.JiveParams jiveParams(DiscoveryJob job) {
        return (DiscoveryJob.JiveParams) job.params();
    }
}
