package dev.locus.synthfaces.probe;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Slightly blurred copies of some training faces, with their labels kept. The generator's faces are
 * crisp; a diffusion model's samples and edits are often a little softer. A probe that never saw a soft
 * face read faces blurred by just 0.5 px wrongly (hair colour right on 62%, background on 69%) and called
 * 70% of them implausible; this keeps its readings, and the plausibility rule, steady under mild blur.
 * Heavy blur (from 1.5 px, see {@link OutlierImages}) stays a sign of a non-face.
 */
public final class SoftFaces {

    /** Blur radii drawn for softened faces, in pixels (Gaussian sigma). */
    static final double MIN_SIGMA = 0.2;
    static final double MAX_SIGMA = 0.8;

    private static final int PER_IMAGE = 3 * FactorProbe.INPUT_SIZE * FactorProbe.INPUT_SIZE;

    private SoftFaces() {}

    /** {@code faces} with each face, with probability {@code fraction}, blurred by a random sigma. */
    public static FaceBatch soften(FaceBatch faces, double fraction, long seed) {
        if (fraction <= 0) {
            return faces;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = faces.pixels().clone();
        for (int i = 0; i < faces.size(); i++) {
            if (random.nextDouble() < fraction) {
                float[] face = Arrays.copyOfRange(pixels, i * PER_IMAGE, (i + 1) * PER_IMAGE);
                float[] soft = ImageCorruptions.blur(face, random.nextDouble(MIN_SIGMA, MAX_SIGMA));
                System.arraycopy(soft, 0, pixels, i * PER_IMAGE, PER_IMAGE);
            }
        }
        return new FaceBatch(pixels, faces.factors());
    }
}
