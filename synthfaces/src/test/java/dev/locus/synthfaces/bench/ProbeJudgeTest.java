package dev.locus.synthfaces.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import dev.locus.synthfaces.Region;
import dev.locus.synthfaces.probe.FaceReading;
import dev.locus.synthfaces.probe.FactorReading;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeJudgeTest {

    private final ProbeJudge judge = new ProbeJudge(ProbeJudge.Thresholds.DEFAULT);

    /** A reading: continuous factors at 0.5, binary at P(yes) 0.1, categorical sure of class 0, except as overridden. */
    private static FaceReading reading(Map<Factor, double[]> overrides) {
        List<FactorReading> out = new ArrayList<>();
        for (Factor f : Factor.values()) {
            double[] v = overrides.get(f);
            if (f.kind() == FactorKind.CONTINUOUS) {
                out.add(new FactorReading(f, v == null ? 0.5 : v[0], Double.NaN, new double[0]));
            } else if (f.kind() == FactorKind.BINARY) {
                double p = v == null ? 0.1 : v[0];
                out.add(new FactorReading(f, p, Math.max(p, 1 - p), new double[] {1 - p, p}));
            } else {
                double[] probs = v;
                if (probs == null) {
                    probs = new double[f.classCount()];
                    probs[0] = 1;
                }
                int best = 0;
                for (int c = 1; c < probs.length; c++) {
                    best = probs[c] > probs[best] ? c : best;
                }
                out.add(new FactorReading(f, best, probs[best], probs));
            }
        }
        return new FaceReading(out, 1, true);
    }

    private static FaceReading base() {
        return reading(Map.of());
    }

    private static FaceReading with(Factor f, double... values) {
        Map<Factor, double[]> m = new EnumMap<>(Factor.class);
        m.put(f, values);
        return reading(m);
    }

    @Test
    void regionsOwnTheirFactors() {
        assertThat(ProbeJudge.owned(Region.MOUTH)).containsExactly(Factor.MOUTH_CURVE, Factor.MOUTH_OPEN, Factor.LIP_COLOUR);
        assertThat(ProbeJudge.owned(Region.EYEBROWS)).containsExactly(Factor.BROW_ANGLE, Factor.BROW_THICKNESS);
        assertThat(ProbeJudge.owned(Region.HAIR)).containsExactly(Factor.HAIR_COLOUR, Factor.HAIR_STYLE);
    }

    @Test
    void aLargeMoveOfTheRegionsFactorWithTheRestStillIsALocalSuccess() {
        Map<Factor, double[]> m = new EnumMap<>(Factor.class);
        m.put(Factor.EYE_OPENNESS, new double[] {0.8});
        m.put(Factor.FACE_WIDTH, new double[] {0.55}); // 0.05 drift elsewhere: within the 0.10 tolerance
        ProbeJudge.LocalVerdict v = judge.local(Region.EYES, base(), reading(m));
        assertThat(v.success()).isTrue();
        assertThat(v.moved().factor()).isEqualTo(Factor.EYE_OPENNESS);
        assertThat(v.moved().signed()).isCloseTo(0.3, within(1e-12));
        assertThat(v.largestOther().factor()).isEqualTo(Factor.FACE_WIDTH);
    }

    @Test
    void aMoveBelowTheThresholdOrAnotherRegionMovingFails() {
        assertThat(judge.local(Region.EYES, base(), with(Factor.EYE_OPENNESS, 0.6)).success()).isFalse();

        Map<Factor, double[]> m = new EnumMap<>(Factor.class);
        m.put(Factor.MOUTH_CURVE, new double[] {0.9});
        m.put(Factor.HAIR_COLOUR, spread(Factor.HAIR_COLOUR, 0.2));
        ProbeJudge.LocalVerdict v = judge.local(Region.MOUTH, base(), reading(m));
        assertThat(v.moved().factor()).isEqualTo(Factor.MOUTH_CURVE);
        assertThat(v.largestOther().factor()).isEqualTo(Factor.HAIR_COLOUR);
        assertThat(v.largestOther().magnitude()).isCloseTo(0.2, within(1e-12));
        assertThat(v.success()).isFalse();
    }

    @Test
    void aCategoricalMoveIsItsTotalVariationTowardsTheClassThatGains() {
        Factor f = Factor.LIP_COLOUR;
        ProbeJudge.Movement m = ProbeJudge.movement(base().get(f), with(f, spread(f, 0.4)).get(f));
        assertThat(m.magnitude()).isCloseTo(0.4, within(1e-12));
        assertThat(m.gainingClass()).isEqualTo(1);
        assertThat(judge.local(Region.MOUTH, base(), with(f, spread(f, 0.4))).success()).isTrue();
    }

    @Test
    void transferNeedsTheSameFactorToMoveTheSameWayPastTheThreshold() {
        ProbeJudge.Movement reference = judge.local(Region.EYEBROWS, base(), with(Factor.BROW_ANGLE, 0.9)).moved();
        assertThat(judge.transfer(reference, base(), with(Factor.BROW_ANGLE, 0.7))).isTrue();
        assertThat(judge.transfer(reference, base(), with(Factor.BROW_ANGLE, 0.2))).isFalse();  // the other way
        assertThat(judge.transfer(reference, base(), with(Factor.BROW_ANGLE, 0.6))).isFalse();  // too little
        assertThat(judge.transfer(reference, base(), with(Factor.BROW_THICKNESS, 0.9))).isFalse(); // another factor
    }

    @Test
    void aCompositionSucceedsOnlyWhenBothFactorsMove() {
        ProbeJudge.Movement eyes = judge.local(Region.EYES, base(), with(Factor.EYE_SIZE, 0.1)).moved();
        ProbeJudge.Movement mouth = judge.local(Region.MOUTH, base(), with(Factor.MOUTH_OPEN, 0.9)).moved();
        Map<Factor, double[]> both = new EnumMap<>(Factor.class);
        both.put(Factor.EYE_SIZE, new double[] {0.2});
        both.put(Factor.MOUTH_OPEN, new double[] {0.8});
        assertThat(judge.composed(eyes, mouth, base(), reading(both))).isTrue();
        assertThat(judge.composed(eyes, mouth, base(), with(Factor.MOUTH_OPEN, 0.8))).isFalse();
    }

    @Test
    void linearityIsTheRSquaredOfTheLeastSquaresLine() {
        assertThat(ProbeJudge.rSquared(new double[] {-1, 0, 1, 2}, new double[] {-1, 1, 3, 5})).isCloseTo(1, within(1e-12));
        // y = (0, 1, 1): slope 1/2, SS_res 1/6, SS_tot 2/3
        assertThat(ProbeJudge.rSquared(new double[] {0, 1, 2}, new double[] {0, 1, 1})).isCloseTo(0.75, within(1e-12));
        assertThat(ProbeJudge.rSquared(new double[] {0, 1, 2}, new double[] {3, 3, 3})).isNaN();
        ProbeJudge.Movement ref = ProbeJudge.movement(base().get(Factor.GAZE), with(Factor.GAZE, 0.7).get(Factor.GAZE));
        assertThat(ProbeJudge.response(ref, base(), with(Factor.GAZE, 0.3))).isCloseTo(-0.2, within(1e-12));
    }

    /** Class 0 with 1 - moved, class 1 with moved. */
    private static double[] spread(Factor f, double moved) {
        double[] p = new double[f.classCount()];
        p[0] = 1 - moved;
        p[1] = moved;
        return p;
    }
}
