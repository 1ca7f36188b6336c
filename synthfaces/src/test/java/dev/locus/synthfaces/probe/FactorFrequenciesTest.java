package dev.locus.synthfaces.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.locus.synthfaces.Factor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactorFrequenciesTest {

    /** A reading whose every logit is 0 except one winning class per discrete factor. */
    private static FaceReading reading(int hairColour, float eyeOpenness) {
        float[] out = new float[ProbeSchema.width()];
        out[ProbeSchema.slot(Factor.HAIR_COLOUR).offset() + hairColour] = 5f;
        out[ProbeSchema.slot(Factor.EYE_OPENNESS).offset()] = eyeOpenness;
        return ProbeReading.fromOutputs(out, Plausibility.UNCALIBRATED).face(0);
    }

    @Test
    void uniformTalliesAreAtDistanceZero() {
        List<FaceReading> readings = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            readings.add(reading(i % 4, (i % 5) / 5f + 0.1f));
        }
        FactorFrequencies f = FactorFrequencies.of(readings);
        assertThat(f.total()).isEqualTo(400);
        assertThat(f.observed(Factor.HAIR_COLOUR)).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(f.totalVariation(Factor.HAIR_COLOUR)).isZero();
        assertThat(f.totalVariation(Factor.EYE_OPENNESS)).isCloseTo(0, within(1e-12));
        // All-zero logits read as class 0 everywhere: a collapsed factor.
        assertThat(f.totalVariation(Factor.SKIN_TONE)).isCloseTo(0.75, within(1e-12));
        assertThat(f.totalVariations()).hasSize(Factor.values().length);
    }

    @Test
    void aCollapsedFactorIsFarFromTheGenerator() {
        List<FaceReading> readings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            readings.add(reading(2, 0.95f));
        }
        FactorFrequencies f = FactorFrequencies.of(readings);
        assertThat(f.totalVariation(Factor.HAIR_COLOUR)).isCloseTo(0.75, within(1e-12));
        assertThat(f.totalVariation(Factor.EYE_OPENNESS)).isCloseTo(0.8, within(1e-12));
        assertThat(f.totalVariation(Factor.GLASSES)).isCloseTo(0.5, within(1e-12)); // logit 0: P(yes)=0.5, read yes
        assertThat(f.totalVariationFrom(f, Factor.HAIR_COLOUR)).isZero();
        assertThat(f.table()).contains("| hair_colour | 0.000 0.000 1.000 0.000 | 0.250 0.250 0.250 0.250 | 0.7500 |");
    }

    @Test
    void samplingNoiseShrinksWithTheSample() {
        double small = FactorFrequencies.samplingNoise(Factor.HAIR_COLOUR, 100);
        double large = FactorFrequencies.samplingNoise(Factor.HAIR_COLOUR, 10_000);
        assertThat(large).isCloseTo(small / 10, within(1e-12));
        assertThat(small).isBetween(0.03, 0.1);
    }
}
