package dev.locus.synthfaces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskLayoutTest {
    private static final int SEEDS = 150;

    @Test
    void masksAreNonEmptyAndFeatureMasksStayApart() {
        for (int size : new int[] {32, 64}) {
            for (long seed = 0; seed < (size == 32 ? SEEDS : SEEDS / 4); seed++) {
                Face face = FaceGenerator.generate(seed, size);
                for (Region r : Region.MASKED) {
                    assertThat(face.mask(r).isEmpty()).as("seed %d %dpx: %s mask empty", seed, size, r.id()).isFalse();
                }
                Mask eyes = face.mask(Region.EYES);
                Mask mouth = face.mask(Region.MOUTH);
                Mask hair = face.mask(Region.HAIR);
                Mask brows = face.mask(Region.EYEBROWS);
                assertThat(eyes.overlap(mouth)).as("seed %d %dpx eyes/mouth", seed, size).isZero();
                assertThat(eyes.overlap(hair)).as("seed %d %dpx eyes/hair", seed, size).isZero();
                assertThat(mouth.overlap(hair)).as("seed %d %dpx mouth/hair", seed, size).isZero();
                assertThat(brows.overlap(hair)).as("seed %d %dpx brows/hair", seed, size).isZero();
                assertThat(brows.overlap(mouth)).as("seed %d %dpx brows/mouth", seed, size).isZero();
                assertThat(brows.overlap(eyes)).as("seed %d %dpx brows/eyes", seed, size).isZero();
            }
        }
    }

    @Test
    void faceHairAndBackgroundSplitThePicture() {
        for (long seed = 0; seed < 40; seed++) {
            Face face = FaceGenerator.generate(seed, 32);
            Mask f = face.mask(Region.FACE);
            Mask h = face.mask(Region.HAIR);
            Mask b = face.mask(Region.BACKGROUND);
            assertThat(f.overlap(h) + f.overlap(b) + h.overlap(b)).isZero();
            assertThat(f.count() + h.count() + b.count()).isEqualTo(32 * 32);
        }
    }

    @Test
    void featureMasksLieOnTheFace() {
        for (long seed = 0; seed < 40; seed++) {
            Face face = FaceGenerator.generate(seed, 32);
            Mask skin = Pixels.dilate(face.mask(Region.FACE));
            for (Region r : new Region[] {Region.EYES, Region.EYEBROWS, Region.MOUTH}) {
                Mask m = face.mask(r);
                assertThat(m.overlap(skin)).as("seed %d %s on the face", seed, r.id()).isEqualTo(m.count());
            }
        }
    }

    @Test
    void backgroundPixelsHaveTheBackgroundColour() {
        for (long seed = 0; seed < 40; seed++) {
            Face face = FaceGenerator.generate(seed, 32);
            Mask bg = face.mask(Region.BACKGROUND);
            Mask core = erode(bg);
            int[] px = Pixels.rgb(face.image());
            for (int i = 0; i < px.length; i++) {
                if (core.get(i % 32, i / 32)) {
                    assertThat(px[i] & 0xFFFFFF).as("seed %d pixel %d", seed, i).isEqualTo(face.factors().background().rgb);
                }
            }
        }
    }

    @Test
    void glassesWidenTheEyesMask() {
        FaceSample s = FaceGenerator.sample(5);
        Face without = FaceRenderer.render(s.factors().with(Factor.GLASSES, 0), s.pose(), 32);
        Face with = FaceRenderer.render(s.factors().with(Factor.GLASSES, 1), s.pose(), 32);
        assertThat(with.mask(Region.EYES).count()).isGreaterThan(without.mask(Region.EYES).count());
        assertThat(with.mask(Region.EYES).overlap(without.mask(Region.EYES)))
                .isEqualTo(without.mask(Region.EYES).count());
    }

    @Test
    void eyesMaskDoesNotDependOnOpennessOrGaze() {
        FaceSample s = FaceGenerator.sample(9);
        Mask reference = FaceRenderer.render(s.factors(), s.pose(), 32).mask(Region.EYES);
        for (double v : new double[] {0, 0.5, 1}) {
            assertThat(FaceRenderer.render(s.factors().with(Factor.EYE_OPENNESS, v), s.pose(), 32).mask(Region.EYES))
                    .isEqualTo(reference);
            assertThat(FaceRenderer.render(s.factors().with(Factor.GAZE, 2 * v - 1), s.pose(), 32).mask(Region.EYES))
                    .isEqualTo(reference);
        }
    }

    private static Mask erode(Mask m) {
        boolean[] out = new boolean[m.width() * m.height()];
        Mask inverseGrown = Pixels.dilate(invert(m));
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                out[y * m.width() + x] = !inverseGrown.get(x, y);
            }
        }
        return new Mask(m.width(), m.height(), out);
    }

    private static Mask invert(Mask m) {
        boolean[] a = m.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] = !a[i];
        }
        return new Mask(m.width(), m.height(), a);
    }
}
