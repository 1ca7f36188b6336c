package dev.locus.synthfaces.probe;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Non-faces shown to the probe during training with a "don't know" target (outlier exposure, Hendrycks
 * et al. 2019): uniform predictions on them teach the probe to be unsure away from the face manifold, which
 * is what lets its confidences judge plausibility. A classifier trained on faces alone can be confidently
 * wrong on noise, and nothing in its loss asks otherwise.
 *
 * <p>The kinds, taken in turn: uniform noise, clamped Gaussian noise, a batch face with its pixels shuffled,
 * one with 8x8 patches shuffled, one heavily blurred (sigma 1.5 to 3 px, well above the mild blur of
 * {@link SoftFaces}), and two faces averaged (the ghosted double image of a sampler that has not made up
 * its mind).
 */
public final class OutlierImages {

    private static final int PER_IMAGE = 3 * FactorProbe.INPUT_SIZE * FactorProbe.INPUT_SIZE;
    private static final int KINDS = 6;

    private OutlierImages() {}

    /** {@code count} outliers as planar floats, made from {@code faces} and noise seeded by {@code seed}. */
    public static float[] make(FaceBatch faces, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count * PER_IMAGE];
        for (int i = 0; i < count; i++) {
            float[] face = face(faces, random.nextInt(faces.size()));
            float[] image = switch (i % KINDS) {
                case 0 -> ImageCorruptions.uniformNoise(1, random.nextLong());
                case 1 -> ImageCorruptions.gaussianNoise(1, random.nextLong());
                case 2 -> ImageCorruptions.shufflePixels(face, random.nextLong());
                case 3 -> ImageCorruptions.shufflePatches(face, 8, random.nextLong());
                case 4 -> ImageCorruptions.blur(face, random.nextDouble(1.5, 3.0));
                default -> ImageCorruptions.average(face, face(faces, random.nextInt(faces.size())));
            };
            System.arraycopy(image, 0, out, i * PER_IMAGE, PER_IMAGE);
        }
        return out;
    }

    private static float[] face(FaceBatch faces, int index) {
        return Arrays.copyOfRange(faces.pixels(), index * PER_IMAGE, (index + 1) * PER_IMAGE);
    }
}
