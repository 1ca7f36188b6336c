package dev.locus.synthfaces.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EditMetricsTest {

    private static final int W = 4;
    private static final int H = 4;

    /** A 2x2 block in the 4x4 image: 4 pixels inside, 12 outside. */
    private static boolean[] block() {
        boolean[] m = new boolean[W * H];
        m[5] = m[6] = m[9] = m[10] = true;
        return m;
    }

    private static float[] random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[3 * W * H];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void anEditOnlyInsideTheMaskHasRoirZeroAndInfiniteOutsidePsnr() {
        boolean[] mask = block();
        float[] x = random(1);
        float[] y = x.clone();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < W * H; i++) {
                if (mask[i]) {
                    y[c * W * H + i] += 0.3f;
                }
            }
        }
        assertThat(EditMetrics.roir(x, y, mask)).isZero();
        assertThat(EditMetrics.roirPerPixel(x, y, mask)).isZero();
        assertThat(EditMetrics.psnrOutside(x, y, mask)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aUniformEditGivesTheSquareRootOfTheAreaRatio() {
        boolean[] mask = block();
        float[] x = random(2);
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.1f;
        }
        // ||outside|| / ||inside|| = sqrt(3 * 12 * 0.01) / sqrt(3 * 4 * 0.01) = sqrt(12 / 4)
        assertThat(EditMetrics.roir(x, y, mask)).isCloseTo(Math.sqrt(3), within(1e-5));
        assertThat(EditMetrics.roirPerPixel(x, y, mask)).isCloseTo(1, within(1e-5));
        // MSE 0.01 on a range of 2: 10 log10(4 / 0.01)
        assertThat(EditMetrics.psnrOutside(x, y, mask)).isCloseTo(10 * Math.log10(400), within(1e-3));
        assertThat(EditMetrics.psnr(x, y)).isCloseTo(10 * Math.log10(400), within(1e-3));
    }

    @Test
    void anEditOnlyOutsideIsInfinitelyNonLocalAndNoEditIsUndefined() {
        boolean[] mask = block();
        float[] x = random(3);
        float[] y = x.clone();
        y[0] += 0.5f;
        assertThat(EditMetrics.roir(x, y, mask)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(EditMetrics.roir(x, x.clone(), mask)).isNaN();
    }

    @Test
    void maskOverlapIsIntersectionOverUnion() {
        boolean[] shifted = new boolean[W * H];
        shifted[6] = shifted[7] = shifted[10] = shifted[11] = true; // the block one pixel to the right
        assertThat(EditMetrics.maskOverlap(block(), block())).isEqualTo(1.0);
        assertThat(EditMetrics.maskOverlap(block(), shifted)).isCloseTo(2.0 / 6.0, within(1e-12));
        assertThat(EditMetrics.maskOverlap(block(), new boolean[W * H])).isZero();
        assertThat(EditMetrics.maskOverlap(new boolean[W * H], new boolean[W * H])).isNaN();
        assertThatThrownBy(() -> EditMetrics.maskOverlap(block(), new boolean[3]))
                .hasMessageContaining("masks of 16 and 3 pixels");
    }

    @Test
    void ssimOfIdenticalImagesIsOne() {
        float[] x = random(4);
        assertThat(EditMetrics.ssimOutside(x, x.clone(), block(), W, H)).isCloseTo(1, within(1e-12));
    }

    @Test
    void ssimOfTwoFlatImagesIsTheLuminanceTerm() {
        float[] x = new float[3 * W * H];
        float[] y = new float[3 * W * H];
        Arrays.fill(x, 0.5f);
        Arrays.fill(y, -0.25f);
        double c1 = Math.pow(0.01 * 2, 2);
        double expected = (2 * 0.5 * -0.25 + c1) / (0.25 + 0.0625 + c1); // variances 0: the contrast term is C2 / C2
        assertThat(EditMetrics.ssimOutside(x, y, block(), W, H)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void theGaussianWindowIsNormalisedAndBordersReflect() {
        double[] k = EditMetrics.gaussian(11, 1.5);
        assertThat(Arrays.stream(k).sum()).isCloseTo(1, within(1e-12));
        assertThat(k[5] / k[6]).isCloseTo(Math.exp(1 / (2 * 1.5 * 1.5)), within(1e-12));
        assertThat(EditMetrics.reflect(-1, 4)).isZero();
        assertThat(EditMetrics.reflect(-2, 4)).isEqualTo(1);
        assertThat(EditMetrics.reflect(4, 4)).isEqualTo(3);
        assertThat(EditMetrics.reflect(5, 4)).isEqualTo(2);
    }

    @Test
    void aMaskWithoutAnOutsideIsRefused() {
        boolean[] all = new boolean[W * H];
        Arrays.fill(all, true);
        assertThatThrownBy(() -> EditMetrics.roir(random(5), random(6), all)).isInstanceOf(IllegalArgumentException.class);
    }
}
