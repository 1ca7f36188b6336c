package dev.locus.gateway.jobs;

import static dev.locus.gateway.jobs.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.common.messages.EditJob;
import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.Schedule;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.problems.Reasons;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EditValidatorTest {

    private final FakeLookups lookups = new FakeLookups();
    private final EditValidator validator = new EditValidator(lookups, new GatewayProperties.Limits(3, 1000, 4));
    private final String image = lookups.image('1', 32, 32);
    private final Lookups.ResolvedDirection eyes = lookups.direction("eyes@1", "faces", FakeLookups.FP_A, 3);
    private final UUID id = UUID.randomUUID();

    private static EditRequest.Term term(String ref, Integer index, Double strength) {
        return new EditRequest.Term(ref, index, strength);
    }

    private EditRequest edit(List<EditRequest.Term> terms, List<Double> strengths) {
        return new EditRequest("faces", image, terms, strengths, null, 7L, null);
    }

    @Test
    void resolvesTermsAndFillsDefaults() {
        lookups.direction("smile@stable", "faces", FakeLookups.FP_A, 2);
        EditJob job = validator.validate(id, edit(List.of(term("eyes@1", null, null), term("smile@stable", 1, -2.5)), null));
        assertThat(job.directions()).containsExactly(new EditJob.Term(eyes.versionId(), "eyes@1", 0, 1.0),
                new EditJob.Term(lookups.directions.get("smile@stable").versionId(), "smile@stable", 1, -2.5));
        assertThat(job.strengths()).isNull();
        assertThat(job.steps()).isEqualTo(50);
        assertThat(job.seed()).isEqualTo(7L);
        assertThat(job.modelFingerprint()).isEqualTo(FakeLookups.FP_A);
    }

    @Test
    void withoutStepsAnEditSamplesOnItsDirectionsOwnGrid() {
        lookups.direction("fringe@1", "faces", FakeLookups.FP_A, 2, DirectionSpace.H, Schedule.ddim(Schedule.Spacing.LEADING, 30, 0.0));
        lookups.direction("smile@1", "faces", FakeLookups.FP_A, 2, DirectionSpace.X_T, Schedule.ddim(Schedule.Spacing.LEADING, 20, 0.0));
        EditRequest both = edit(List.of(term("fringe@1", null, null), term("smile@1", null, null)), null);
        assertThat(validator.validate(id, both).steps()).as("the x_t direction's grid, not the h-space one's").isEqualTo(20);
        EditRequest hOnly = edit(List.of(term("fringe@1", null, null)), null);
        assertThat(validator.validate(id, hOnly).steps()).as("without x_t directions, the h-space one's grid").isEqualTo(30);

        EditRequest explicit = new EditRequest("faces", image, List.of(term("smile@1", null, null)), null, 35, 7L, null);
        assertThat(validator.validate(id, explicit).steps()).isEqualTo(35);

        lookups.direction("grid@1", "faces", FakeLookups.FP_A, 2, DirectionSpace.X_T, Schedule.locoGrid(100, false));
        assertThat(validator.validate(id, edit(List.of(term("grid@1", null, null)), null)).steps()).isEqualTo(50);
    }

    @Test
    void acceptsASweepOfOneDirection() {
        EditJob job = validator.validate(id, edit(List.of(term("eyes@1", 2, null)), List.of(-3.0, 0.0, 3.0)));
        assertThat(job.strengths()).containsExactly(-3.0, 0.0, 3.0);
    }

    @Test
    void everyProblemNamesItsField() {
        lookups.direction("far@1", "other", FakeLookups.FP_B, 3);
        problem(() -> validator.validate(id, edit(List.of(), null)), 400, "directions", Reasons.REQUIRED);
        problem(() -> validator.validate(id, edit(null, null)), 400, "directions", Reasons.REQUIRED);
        problem(() -> validator.validate(id, edit(Collections.nCopies(4, term("eyes@1", 0, 1.0)), null)), 400,
                "directions", Reasons.TOO_MANY);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, 1.0), term("nope@1", 0, 1.0)), null)), 404,
                "directions[1].ref", Reasons.NOT_FOUND);
        problem(() -> validator.validate(id, edit(List.of(term("bad ref!", 0, 1.0)), null)), 400,
                "directions[0].ref", Reasons.MALFORMED);
        problem(() -> validator.validate(id, edit(List.of(term(null, 0, 1.0)), null)), 400,
                "directions[0].ref", Reasons.REQUIRED);
        problem(() -> validator.validate(id, edit(List.of(term("far@1", 0, 1.0)), null)), 422,
                "directions[0].ref", Reasons.OTHER_MODEL);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 3, 1.0)), null)), 400,
                "directions[0].index", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", -1, 1.0)), null)), 400,
                "directions[0].index", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, Double.NaN)), null)), 400,
                "directions[0].strength", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, Double.POSITIVE_INFINITY)), null)), 400,
                "directions[0].strength", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, -1000.5)), null)), 400,
                "directions[0].strength", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, 1.0), term("eyes@1", 1, 1.0)),
                List.of(1.0))), 400, "strengths", Reasons.NOT_ALLOWED);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, 1.0)), List.of())), 400, "strengths",
                Reasons.REQUIRED);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, 1.0)), List.of(1.0, 2.0, 3.0, 4.0, 5.0))),
                400, "strengths", Reasons.TOO_MANY);
        problem(() -> validator.validate(id, edit(List.of(term("eyes@1", 0, 1.0)), List.of(1.0, 1e9))), 400,
                "strengths[1]", Reasons.OUT_OF_RANGE);
        problem(() -> validator.validate(id, new EditRequest("nope", image, List.of(term("eyes@1", 0, 1.0)), null, null,
                null, null)), 404, "model", Reasons.NOT_FOUND);
        String small = lookups.image('9', 16, 16);
        problem(() -> validator.validate(id, new EditRequest("faces", small, List.of(term("eyes@1", 0, 1.0)), null, null,
                null, null)), 422, "image", Reasons.SIZE_MISMATCH);
        problem(() -> validator.validate(id, new EditRequest("faces", image, List.of(term("eyes@1", 0, 1.0)), null, 5000,
                null, null)), 400, "steps", Reasons.OUT_OF_RANGE);
    }
}
