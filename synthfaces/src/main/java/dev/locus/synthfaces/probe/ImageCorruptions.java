package dev.locus.synthfaces.probe;

import java.util.SplittableRandom;

/**
 * Images that are not faces, or no longer are, for checking that the plausibility rule rejects them:
 * pure noise, and generated faces blurred or with their pixels or patches shuffled. All work on planar
 * [B, 3, S, S] floats in [-1, 1], as in {@link FaceBatch#pixels()}.
 */
public final class ImageCorruptions {

    private static final int S = FactorProbe.INPUT_SIZE;
    private static final int PLANE = S * S;

    private ImageCorruptions() {}

    /** Every value uniform in [-1, 1]. */
    public static float[] uniformNoise(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count * 3 * PLANE];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextDouble(-1, 1);
        }
        return out;
    }

    /** Standard normal values clamped to [-1, 1]: what a diffusion model starts from, as a picture. */
    public static float[] gaussianNoise(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count * 3 * PLANE];
        for (int i = 0; i < out.length; i++) {
            double g = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            out[i] = (float) Math.max(-1, Math.min(1, g));
        }
        return out;
    }

    /** Images plus Gaussian noise of standard deviation {@code std}, clamped to [-1, 1]. */
    public static float[] addNoise(float[] images, double std, long seed) {
        float[] noise = gaussianNoise(images.length / (3 * PLANE), seed); // clamped N(0, 1)
        float[] out = new float[images.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.max(-1, Math.min(1, images[i] + std * noise[i]));
        }
        return out;
    }

    /** Separable Gaussian blur of each channel, borders clamped. */
    public static float[] blur(float[] images, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            total += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= total;
        }
        float[] out = images.clone();
        float[] tmp = new float[PLANE];
        for (int p = 0; p < images.length / PLANE; p++) {
            int base = p * PLANE;
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        v += kernel[k + radius] * images[base + y * S + clamp(x + k)];
                    }
                    tmp[y * S + x] = (float) v;
                }
            }
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        v += kernel[k + radius] * tmp[clamp(y + k) * S + x];
                    }
                    out[base + y * S + x] = (float) v;
                }
            }
        }
        return out;
    }

    /** Each image's pixels moved to random places (one permutation per image, the same for its channels). */
    public static float[] shufflePixels(float[] images, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[images.length];
        for (int img = 0; img < images.length / (3 * PLANE); img++) {
            int[] perm = permutation(PLANE, random);
            int base = img * 3 * PLANE;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < PLANE; i++) {
                    out[base + c * PLANE + i] = images[base + c * PLANE + perm[i]];
                }
            }
        }
        return out;
    }

    /** Each image cut into {@code patch} x {@code patch} tiles that are put back in random order. */
    public static float[] shufflePatches(float[] images, int patch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int perSide = S / patch;
        float[] out = new float[images.length];
        for (int img = 0; img < images.length / (3 * PLANE); img++) {
            int[] perm = permutation(perSide * perSide, random);
            int base = img * 3 * PLANE;
            for (int tile = 0; tile < perm.length; tile++) {
                int srcY = perm[tile] / perSide * patch;
                int srcX = perm[tile] % perSide * patch;
                int dstY = tile / perSide * patch;
                int dstX = tile % perSide * patch;
                for (int c = 0; c < 3; c++) {
                    for (int dy = 0; dy < patch; dy++) {
                        for (int dx = 0; dx < patch; dx++) {
                            out[base + c * PLANE + (dstY + dy) * S + dstX + dx] =
                                    images[base + c * PLANE + (srcY + dy) * S + srcX + dx];
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The pixel-wise mean of two equally sized image sets: a ghosted double exposure. */
    public static float[] average(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (a[i] + b[i]) / 2;
        }
        return out;
    }

    private static int clamp(int i) {
        return Math.max(0, Math.min(S - 1, i));
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
