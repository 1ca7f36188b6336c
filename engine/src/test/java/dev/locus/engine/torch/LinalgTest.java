package dev.locus.engine.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class LinalgTest {

    /** Rows e_0..e_{k-1} of R^d with the last one turned by {@code angle} towards e_k, in float32. */
    private static Tensor turned(int k, int d, double angle) {
        float[] rows = new float[k * d];
        for (int i = 0; i < k; i++) {
            rows[i * d + i] = 1f;
        }
        rows[(k - 1) * d + (k - 1)] = (float) Math.cos(angle);
        rows[(k - 1) * d + k] = (float) Math.sin(angle);
        return Tensor.create(rows, k, d);
    }

    @Test
    void measuresAnglesFarBelowWhatAFloat32CosineCanResolve() {
        // cos(1e-5) rounds to 1 in float32, so a cosine-based angle would read 0 here
        double angle = Linalg.largestPrincipalAngle(turned(3, 8, 0), turned(3, 8, 1e-5));
        assertThat(angle).isCloseTo(1e-5, within(1e-7));
    }

    @Test
    void measuresLargeAnglesAndIgnoresSignFlips() {
        assertThat(Linalg.largestPrincipalAngle(turned(3, 8, 0), turned(3, 8, 0.3))).isCloseTo(0.3, within(1e-6));
        Tensor a = turned(3, 8, 0.2);
        assertThat(Linalg.largestPrincipalAngle(a, a.neg())).isCloseTo(0.0, within(1e-7));
    }
}
