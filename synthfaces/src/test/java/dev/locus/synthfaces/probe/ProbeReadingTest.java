package dev.locus.synthfaces.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProbeReadingTest {

    @BeforeAll
    static void oneThread() {
        TestThreads.single();
    }

    @Test
    void turnsRawOutputsIntoProbabilitiesClassesAndConfidences() {
        float[] out = new float[ProbeSchema.width()];
        out[ProbeSchema.slot(Factor.GLASSES).offset()] = 2f;                  // P(yes) = sigmoid(2)
        ProbeSchema.Slot hair = ProbeSchema.slot(Factor.HAIR_COLOUR);
        out[hair.offset() + 2] = 3f;                                          // blonde wins
        out[ProbeSchema.slot(Factor.EYE_OPENNESS).offset()] = 1.3f;           // clamped to 1
        out[ProbeSchema.slot(Factor.GAZE).offset()] = 0.25f;                  // raw -0.5

        FaceReading r = ProbeReading.fromOutputs(out, new Plausibility(0.5)).face(0);

        double p = 1 / (1 + Math.exp(-2));
        assertThat(r.get(Factor.GLASSES).value()).isCloseTo(p, within(1e-6));
        assertThat(r.get(Factor.GLASSES).classIndex()).isEqualTo(1);
        assertThat(r.get(Factor.GLASSES).confidence()).isCloseTo(p, within(1e-6));
        FactorReading h = r.get(Factor.HAIR_COLOUR);
        assertThat(h.className()).isEqualTo("blonde");
        double e3 = Math.exp(3);
        assertThat(h.confidence()).isCloseTo(e3 / (e3 + 3), within(1e-9));
        assertThat(r.get(Factor.EYE_OPENNESS).value()).isEqualTo(1.0);
        assertThat(r.get(Factor.GAZE).raw()).isCloseTo(-0.5, within(1e-6));
        assertThat(r.get(Factor.GAZE).confidence()).isNaN();
        assertThat(r.toFactors().hairColour().name()).isEqualTo("BLONDE");
    }

    @Test
    void everyReadingOfRealImagesIsInRange() {
        FactorProbe probe = FactorProbe.random(5).withPlausibility(new Plausibility(0.5));
        ProbeReading reading;
        try (PointerScope scope = new PointerScope()) {
            reading = probe.read(FaceBatch.render(Seeds.EVALUATION, 6).images());
        }
        assertThat(reading.size()).isEqualTo(6);
        assertThat(reading.plausible()).hasSize(6);
        for (FaceReading face : reading.faces()) {
            assertThat(face.plausibility()).isBetween(0.0, 1.0);
            assertThat(face.plausible()).isEqualTo(face.plausibility() >= 0.5);
            for (FactorReading r : face.factors()) {
                assertThat(r.value()).as(r.factor().id()).isBetween(0.0, r.factor().kind() == FactorKind.CATEGORICAL
                        ? r.factor().classCount() - 1.0 : 1.0);
                assertThat(r.raw()).isBetween(r.factor().min(), r.factor().max());
                if (r.factor().kind() != FactorKind.CONTINUOUS) {
                    assertThat(Arrays.stream(r.probabilities()).sum()).isCloseTo(1.0, within(1e-9));
                    assertThat(r.confidence()).isEqualTo(Arrays.stream(r.probabilities()).max().orElseThrow())
                            .isBetween(1.0 / r.factor().classCount(), 1.0);
                }
            }
        }
    }

    @Test
    void anUncalibratedProbePassesNothing() {
        FaceReading r = ProbeReading.fromOutputs(new float[ProbeSchema.width()], Plausibility.UNCALIBRATED).face(0);
        assertThat(r.plausible()).isFalse();
    }

    @Test
    void calibrationLetsTheRequestedShareThrough() {
        double[] scores = new double[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (i * 7919 % 1000) / 1000.0; // 0.000 .. 0.999 in scrambled order
        }
        Plausibility rule = Plausibility.calibrate(scores, 0.99);
        assertThat(Arrays.stream(scores).filter(rule::accepts).count()).isEqualTo(990);
    }
}
