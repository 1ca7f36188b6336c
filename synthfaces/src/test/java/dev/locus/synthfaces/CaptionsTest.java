package dev.locus.synthfaces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionsTest {

    @Test
    void captionNamesEveryCategoricalFactor() {
        for (long seed = 0; seed < 200; seed++) {
            FaceFactors f = FaceGenerator.sample(seed).factors();
            String c = Captions.describe(f);
            assertThat(c).as("seed %d", seed)
                    .contains(f.irisColour().label() + " eyes")
                    .contains(f.lipColour().label() + " lips")
                    .contains(f.hairColour().label())
                    .contains(f.skinTone().label() + " skin")
                    .endsWith("on a " + f.background().label() + " background");
            assertThat(c.contains("no glasses")).isEqualTo(!f.glasses());
            switch (f.hairStyle()) {
                case SHORT -> assertThat(c).contains("short " + f.hairColour().label() + " hair");
                case LONG -> assertThat(c).contains("long " + f.hairColour().label() + " hair");
                case FRINGE -> assertThat(c).contains("with a fringe");
            }
        }
    }

    @Test
    void captionFollowsContinuousFactors() {
        FaceFactors f = FaceGenerator.sample(1).factors();
        assertThat(Captions.describe(f.with(Factor.EYE_OPENNESS, 0))).contains("closed ");
        assertThat(Captions.describe(f.with(Factor.EYE_OPENNESS, 1))).contains("wide open ");
        assertThat(Captions.describe(f.with(Factor.MOUTH_CURVE, 1))).contains("smile");
        assertThat(Captions.describe(f.with(Factor.MOUTH_CURVE, -1))).contains("frown");
        assertThat(Captions.describe(f.with(Factor.MOUTH_CURVE, 0))).contains("a straight ");
        assertThat(Captions.describe(f.with(Factor.MOUTH_OPEN, 1))).contains(" open ");
        assertThat(Captions.describe(f.with(Factor.BROW_ANGLE, 1))).contains("raised");
        assertThat(Captions.describe(f.with(Factor.BROW_ANGLE, -1))).contains("frowning");
        assertThat(Captions.describe(f.with(Factor.BROW_THICKNESS, 1))).contains("thick eyebrows");
        assertThat(Captions.describe(f.with(Factor.EYE_SIZE, 1).with(Factor.EYE_OPENNESS, 1))).contains("large");
        assertThat(Captions.describe(f.with(Factor.FACE_WIDTH, 0))).startsWith("a narrow face");
        assertThat(Captions.describe(f.with(Factor.FACE_WIDTH, 1))).startsWith("a wide face");
        assertThat(Captions.describe(f.with(Factor.GAZE, -1).with(Factor.EYE_OPENNESS, 1))).contains("looking left");
        assertThat(Captions.describe(f.with(Factor.GLASSES, 1))).contains(", glasses,");
    }

    @Test
    void renderedFaceCarriesItsCaption() {
        Face face = FaceGenerator.generate(11, 32);
        assertThat(face.caption()).isEqualTo(Captions.describe(face.factors())).startsWith("a ");
    }
}
