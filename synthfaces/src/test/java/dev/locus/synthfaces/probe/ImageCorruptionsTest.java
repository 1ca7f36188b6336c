package dev.locus.synthfaces.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageCorruptionsTest {

    private static final float[] FACES = FaceBatch.render(Seeds.CORRUPTION, 2).pixels();

    @Test
    void noiseFillsTheRangeAndDependsOnTheSeed() {
        float[] a = ImageCorruptions.uniformNoise(2, 1);
        assertThat(a).hasSize(FACES.length);
        assertThat(range(a)).containsExactly(-1f, 1f);
        assertThat(ImageCorruptions.uniformNoise(2, 1)).containsExactly(a);
        assertThat(ImageCorruptions.uniformNoise(2, 2)).isNotEqualTo(a);
        assertThat(range(ImageCorruptions.gaussianNoise(2, 1))).containsExactly(-1f, 1f); // clamped: both ends hit
    }

    @Test
    void shufflingMovesPixelsButKeepsThem() {
        float[] shuffled = ImageCorruptions.shufflePixels(FACES, 3);
        float[] patches = ImageCorruptions.shufflePatches(FACES, 8, 3);
        assertThat(shuffled).isNotEqualTo(FACES);
        assertThat(patches).isNotEqualTo(FACES);
        assertThat(sorted(shuffled)).containsExactly(sorted(FACES));
        assertThat(sorted(patches)).containsExactly(sorted(FACES));
    }

    @Test
    void blurKeepsTheMeanAndFlattensDetail() {
        float[] blurred = ImageCorruptions.blur(FACES, 2);
        assertThat(mean(blurred)).isCloseTo(mean(FACES), within(0.02));
        assertThat(roughness(blurred)).isLessThan(0.5 * roughness(FACES));
    }

    @Test
    void averagingTwoImagesHalvesTheirSum() {
        float[] avg = ImageCorruptions.average(new float[] {1, -1, 0.5f}, new float[] {0, 1, 0.5f});
        assertThat(avg).containsExactly(0.5f, 0f, 0.5f);
    }

    /** The smallest and largest value, each rounded out to a whole number (so [-1, 1] for values inside it). */
    private static float[] range(float[] a) {
        float[] s = sorted(a);
        return new float[] {(float) Math.floor(s[0]), (float) Math.ceil(s[s.length - 1])};
    }

    private static float[] sorted(float[] a) {
        float[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static double mean(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** Mean absolute difference between horizontal neighbours. */
    private static double roughness(float[] a) {
        double s = 0;
        for (int i = 1; i < a.length; i++) {
            if (i % 32 != 0) {
                s += Math.abs(a[i] - a[i - 1]);
            }
        }
        return s / a.length;
    }
}
