package dev.locus.synthfaces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every factor must actually vary over seeds, with the frequencies the generator promises. */
class FactorDistributionTest {
    private static final int N = 500;
    private static double[][] raw;

    @BeforeAll
    static void sample() {
        raw = new double[N][];
        for (int seed = 0; seed < N; seed++) {
            raw[seed] = FactorCodec.raw(FaceGenerator.sample(seed).factors());
        }
    }

    @Test
    void everyClassOfEveryDiscreteFactorAppearsAboutEquallyOften() {
        for (Factor factor : Factor.values()) {
            if (factor.kind() == FactorKind.CONTINUOUS) {
                continue;
            }
            int k = factor.classCount();
            int[] counts = new int[k];
            for (double[] r : raw) {
                counts[(int) r[factor.ordinal()]]++;
            }
            double expected = N / (double) k;
            double sigma = Math.sqrt(N * (1.0 / k) * (1 - 1.0 / k));
            for (int c = 0; c < k; c++) {
                assertThat((double) counts[c])
                        .as("%s = %s over %d seeds", factor.id(), factor.classes().get(c), N)
                        .isBetween(expected - 4 * sigma, expected + 4 * sigma);
            }
        }
    }

    @Test
    void everyContinuousFactorSpansItsRangeUniformly() {
        for (Factor factor : Factor.values()) {
            if (factor.kind() != FactorKind.CONTINUOUS) {
                continue;
            }
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            int[] quarters = new int[4];
            for (double[] r : raw) {
                double v = r[factor.ordinal()];
                assertThat(v).isBetween(factor.min(), factor.max());
                min = Math.min(min, v);
                max = Math.max(max, v);
                quarters[Math.min(3, (int) (factor.normalize(v) * 4))]++;
            }
            double span = factor.max() - factor.min();
            assertThat(min).as("%s minimum", factor.id()).isLessThan(factor.min() + 0.02 * span);
            assertThat(max).as("%s maximum", factor.id()).isGreaterThan(factor.max() - 0.02 * span);
            for (int q : quarters) {
                assertThat(q).as("%s per quarter of its range", factor.id()).isBetween(N / 4 - 45, N / 4 + 45);
            }
        }
    }

    @Test
    void eyeOpennessIncludesNearlyClosedEyes() {
        long nearlyClosed = java.util.Arrays.stream(raw).filter(r -> r[Factor.EYE_OPENNESS.ordinal()] < 0.1).count();
        assertThat(nearlyClosed).isGreaterThan(N / 20);
    }

    @Test
    void factorsAreDrawnIndependently() {
        // Pairwise correlation of normalized values stays near zero (|r| < 0.15 at N = 500 is ~3.4 sigma).
        Factor[] all = Factor.values();
        for (int i = 0; i < all.length; i++) {
            for (int j = i + 1; j < all.length; j++) {
                assertThat(Math.abs(correlation(i, j))).as("corr(%s, %s)", all[i].id(), all[j].id())
                        .isLessThan(0.15);
            }
        }
    }

    @Test
    void poseJitterStaysSmall() {
        for (int seed = 0; seed < N; seed++) {
            Pose p = FaceGenerator.sample(seed).pose();
            assertThat(Math.abs(p.dx())).isLessThanOrEqualTo(Pose.MAX_SHIFT);
            assertThat(Math.abs(p.dy())).isLessThanOrEqualTo(Pose.MAX_SHIFT);
            assertThat(Math.abs(p.scale() - 1)).isLessThanOrEqualTo(Pose.MAX_SCALE_CHANGE);
        }
    }

    private static double correlation(int a, int b) {
        double ma = 0;
        double mb = 0;
        for (double[] r : raw) {
            ma += r[a];
            mb += r[b];
        }
        ma /= N;
        mb /= N;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] r : raw) {
            sab += (r[a] - ma) * (r[b] - mb);
            saa += (r[a] - ma) * (r[a] - ma);
            sbb += (r[b] - mb) * (r[b] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
