package dev.locus.synthfaces.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.synthfaces.FaceGenerator;
import java.awt.image.BufferedImage;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class SynthFacesDataTest {

    @Test
    void aStepAlwaysGetsTheSameFacesInMinusOneToOne() {
        SynthFacesData data = SynthFacesData.of(11, 32);
        Tensor a = data.batch(5, 4);
        Tensor b = data.batch(5, 4);
        assertThat(a.shape()).containsExactly(4, 3, 32, 32);
        assertThat(a.sub(b).abs().max().item_double()).isZero();
        assertThat(a.min().item_double()).isGreaterThanOrEqualTo(-1.0);
        assertThat(a.max().item_double()).isLessThanOrEqualTo(1.0);
        // Real pictures use most of the range, so the scaling is not off by a factor.
        assertThat(a.max().item_double() - a.min().item_double()).isGreaterThan(1.5);
        assertThat(data.batch(6, 4).sub(a).abs().max().item_double()).as("the next step").isPositive();
        assertThat(SynthFacesData.of(12, 32).batch(5, 4).sub(a).abs().max().item_double()).as("another run")
                .isPositive();
    }

    @Test
    void pixelsAreTheGeneratorsPicturesInChannelPlanes() {
        long seed = SynthFacesData.faceSeeds(3, 9, 2)[1];
        BufferedImage image = FaceGenerator.generate(seed, 32).image();
        float[] pixels = SynthFacesData.of(3, 32).pixels(9, 2);
        int plane = 32 * 32;
        int base = 3 * plane; // second face
        for (int y = 0; y < 32; y += 7) {
            for (int x = 0; x < 32; x += 5) {
                int rgb = image.getRGB(x, y);
                int p = y * 32 + x;
                assertThat(pixels[base + p]).isEqualTo(((rgb >> 16) & 0xFF) / 127.5f - 1f);
                assertThat(pixels[base + plane + p]).isEqualTo(((rgb >> 8) & 0xFF) / 127.5f - 1f);
                assertThat(pixels[base + 2 * plane + p]).isEqualTo((rgb & 0xFF) / 127.5f - 1f);
            }
        }
    }

    @Test
    void aLargerBatchOnlyAppendsFaces() {
        long[] four = SynthFacesData.faceSeeds(1, 100, 4);
        long[] eight = SynthFacesData.faceSeeds(1, 100, 8);
        assertThat(eight).startsWith(four);
        assertThat(SynthFacesData.faceSeeds(1, 101, 4)).doesNotContain(four);
    }

    @Test
    void prefetchingChangesNothing() {
        SynthFacesData plain = SynthFacesData.of(4, 32);
        try (SynthFacesData prefetching = SynthFacesData.prefetching(4, 32)) {
            for (long step : new long[] {0, 1, 2, 7, 8}) {
                Tensor expected = plain.batch(step, 3);
                assertThat(prefetching.batch(step, 3).sub(expected).abs().max().item_double()).as("step %d", step)
                        .isZero();
            }
        }
    }
}
