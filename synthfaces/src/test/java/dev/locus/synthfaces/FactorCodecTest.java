package dev.locus.synthfaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FactorCodecTest {

    @Test
    void schemaCoversEveryRecordComponentWithKindsAndRegions() {
        assertThat(Factor.values()).hasSize(FaceFactors.class.getRecordComponents().length);
        assertThat(Factor.IRIS_COLOUR.classes()).containsExactly("brown", "blue", "green", "grey");
        assertThat(Factor.GLASSES.kind()).isEqualTo(FactorKind.BINARY);
        assertThat(Factor.GLASSES.region()).isEqualTo(Region.EYES);
        assertThat(Factor.MOUTH_CURVE.min()).isEqualTo(-1);
        for (Region r : Region.MASKED) {
            assertThat(Arrays.stream(Factor.values()).anyMatch(f -> f.region() == r))
                    .as("some factor acts on %s", r.id()).isTrue();
        }
    }

    @Test
    void rawValuesRoundTrip() {
        for (long seed = 0; seed < 50; seed++) {
            FaceFactors f = FaceGenerator.sample(seed).factors();
            assertThat(FactorCodec.fromRaw(FactorCodec.raw(f))).isEqualTo(f);
        }
    }

    @Test
    void normalizedValuesLieInUnitInterval() {
        for (long seed = 0; seed < 50; seed++) {
            for (double v : FactorCodec.normalized(FaceGenerator.sample(seed).factors())) {
                assertThat(v).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void oneHotHasOneHotPerDiscreteFactor() {
        FaceFactors f = FaceGenerator.sample(3).factors();
        double[] v = FactorCodec.oneHot(f);
        int discrete = (int) Arrays.stream(Factor.values()).filter(x -> x.kind() != FactorKind.CONTINUOUS).count();
        int continuous = Factor.values().length - discrete;
        assertThat(v).hasSize(FactorCodec.oneHotLength());
        assertThat(Arrays.stream(v).filter(x -> x == 1).count()).isGreaterThanOrEqualTo(discrete);
        int classes = Arrays.stream(Factor.values()).mapToInt(Factor::classCount).sum();
        assertThat(FactorCodec.oneHotLength()).isEqualTo(classes + continuous);
        int[] idx = FactorCodec.classIndices(f);
        assertThat(idx[Factor.EYE_OPENNESS.ordinal()]).isEqualTo(-1);
        assertThat(idx[Factor.HAIR_COLOUR.ordinal()]).isEqualTo(f.hairColour().ordinal());
    }

    @Test
    void withChangesExactlyOneFactor() {
        FaceFactors f = FaceGenerator.sample(8).factors();
        for (Factor factor : Factor.values()) {
            double target = factor.kind() == FactorKind.CONTINUOUS ? factor.min()
                    : (factor.get(f) + 1) % factor.classCount();
            FaceFactors g = f.with(factor, target);
            double[] a = FactorCodec.raw(f);
            double[] b = FactorCodec.raw(g);
            assertThat(b[factor.ordinal()]).isEqualTo(target);
            a[factor.ordinal()] = target;
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void outOfRangeValuesAreRejected() {
        FaceFactors f = FaceGenerator.sample(0).factors();
        assertThatThrownBy(() -> f.with(Factor.EYE_OPENNESS, 1.5)).hasMessageContaining("eye_openness");
        assertThatThrownBy(() -> f.with(Factor.HAIR_COLOUR, 9)).hasMessageContaining("hair_colour");
        assertThatThrownBy(() -> f.with(Factor.GAZE, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factorsParseFromText() {
        assertThat(Factor.fromId("Eye-Openness")).isEqualTo(Factor.EYE_OPENNESS);
        assertThat(Factor.HAIR_COLOUR.parse("blonde")).isEqualTo(HairColour.BLONDE.ordinal());
        assertThat(Factor.HAIR_COLOUR.parse("2")).isEqualTo(2);
        assertThat(Factor.GLASSES.parse("yes")).isEqualTo(1);
        assertThat(Factor.MOUTH_CURVE.parse("-0.5")).isEqualTo(-0.5);
        assertThatThrownBy(() -> Factor.HAIR_COLOUR.parse("purple")).hasMessageContaining("black, brown");
        assertThatThrownBy(() -> Factor.fromId("nose")).hasMessageContaining("unknown factor");
    }
}
