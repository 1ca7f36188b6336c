package dev.locus.synthfaces.bench;

/**
 * Pixel metrics of an edit: how local it is and how much it leaves the rest of the picture alone.
 *
 * <p>Images are planar float arrays [C, H, W] in [-1, 1] (the engine's convention); a mask is row-major
 * [H, W], true inside the region of interest, and applies to every channel. "Original" is whatever the edit
 * is compared with; the bench uses the strength-0 reconstruction of the same face, so that DDIM inversion
 * error is not counted as edit.
 */
public final class EditMetrics {

    /** Width of the value range of [-1, 1] images: the L of PSNR and SSIM. */
    public static final double DATA_RANGE = 2.0;
    /** SSIM constants of Wang et al. (2004): C1 = (K1 L)^2, C2 = (K2 L)^2. */
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    /** Gaussian SSIM window: 11 x 11 taps, sigma 1.5 (Wang et al. 2004). */
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;

    private EditMetrics() {}

    /**
     * Intersection over union of two region masks: how well a region on one face lines up with the same region on
     * another. Directions in x_t and in h are spatial, so one found on a face may land beside the region on a face
     * posed a little differently; the bench reports transfer success against this overlap.
     */
    public static double maskOverlap(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("masks of " + a.length + " and " + b.length + " pixels");
        }
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.length; i++) {
            both += a[i] && b[i] ? 1 : 0;
            either += a[i] || b[i] ? 1 : 0;
        }
        return either == 0 ? Double.NaN : (double) both / either;
    }

    /**
     * ROIR of one image, as {@code shared/specs/methods.md}, section "Metrics (for the quality benchmark)",
     * defines it after Oldfield et al.: ||(1 - M)(X - X')|| / ||M (X - X')||, Euclidean norms over all channels,
     * no normalisation by the areas (the benchmark averages this over images). Lower is more local. +Infinity
     * when the edit changes nothing inside but something outside; NaN when it changes nothing at all.
     */
    public static double roir(float[] original, float[] edited, boolean[] mask) {
        double[] sums = squaredDifferenceByRegion(original, edited, mask);
        return Math.sqrt(sums[1]) / Math.sqrt(sums[0]);
    }

    /**
     * ROIR with both norms divided by the square root of their pixel counts, i.e. the ratio of root-mean-square
     * changes outside and inside: ROIR * sqrt(|M| / |1 - M|). Not in methods.md; reported beside ROIR because
     * ROIR itself grows with the outside's area (a uniform change gives sqrt(|1 - M| / |M|)), so it cannot be
     * compared across regions of different sizes. A uniform change gives 1.
     */
    public static double roirPerPixel(float[] original, float[] edited, boolean[] mask) {
        int inside = count(mask);
        int outside = mask.length - inside;
        return roir(original, edited, mask) * Math.sqrt(inside / (double) outside);
    }

    /** PSNR in dB over the pixels outside the mask (all channels), L = {@link #DATA_RANGE}; +Infinity if equal there. */
    public static double psnrOutside(float[] original, float[] edited, boolean[] mask) {
        double[] sums = squaredDifferenceByRegion(original, edited, mask);
        int channels = channels(original, mask);
        double mse = sums[1] / ((double) channels * (mask.length - count(mask)));
        return psnr(mse);
    }

    /** PSNR in dB over the whole image; +Infinity if equal. */
    public static double psnr(float[] original, float[] edited) {
        requireSameLength(original, edited);
        double sum = 0;
        for (int i = 0; i < original.length; i++) {
            double d = original[i] - edited[i];
            sum += d * d;
        }
        return psnr(sum / original.length);
    }

    /**
     * Mean SSIM over the pixels outside the mask. The SSIM map is Wang et al.'s (2004): local statistics under
     * an 11 x 11 Gaussian window with sigma 1.5 (normalised weights), C1 = (0.01 L)^2, C2 = (0.03 L)^2,
     * L = {@link #DATA_RANGE}, population (not sample) variances; borders by symmetric reflection
     * (scipy's "reflect"), so the map has the image's size; per channel, then averaged over channels and over
     * the pixels outside the mask. Windows near the region's border see the edit inside, as they should: a
     * visible seam lowers the score.
     */
    public static double ssimOutside(float[] original, float[] edited, boolean[] mask, int width, int height) {
        requireSameLength(original, edited);
        if (mask.length != width * height) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels for a " + width + "x" + height + " image");
        }
        int channels = channels(original, mask);
        int plane = width * height;
        double c1 = Math.pow(K1 * DATA_RANGE, 2);
        double c2 = Math.pow(K2 * DATA_RANGE, 2);
        double[] kernel = gaussian(WINDOW, SIGMA);
        double sum = 0;
        long n = 0;
        for (int c = 0; c < channels; c++) {
            double[] x = new double[plane];
            double[] y = new double[plane];
            double[] xx = new double[plane];
            double[] yy = new double[plane];
            double[] xy = new double[plane];
            for (int i = 0; i < plane; i++) {
                x[i] = original[c * plane + i];
                y[i] = edited[c * plane + i];
                xx[i] = x[i] * x[i];
                yy[i] = y[i] * y[i];
                xy[i] = x[i] * y[i];
            }
            double[] mx = blur(x, width, height, kernel);
            double[] my = blur(y, width, height, kernel);
            double[] sxx = blur(xx, width, height, kernel);
            double[] syy = blur(yy, width, height, kernel);
            double[] sxy = blur(xy, width, height, kernel);
            for (int i = 0; i < plane; i++) {
                if (mask[i]) {
                    continue;
                }
                double vx = sxx[i] - mx[i] * mx[i];
                double vy = syy[i] - my[i] * my[i];
                double cov = sxy[i] - mx[i] * my[i];
                sum += (2 * mx[i] * my[i] + c1) * (2 * cov + c2)
                        / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Normalised 1-D Gaussian of {@code size} taps. */
    static double[] gaussian(int size, double sigma) {
        double[] k = new double[size];
        int r = size / 2;
        double total = 0;
        for (int i = 0; i < size; i++) {
            k[i] = Math.exp(-((i - r) * (i - r)) / (2 * sigma * sigma));
            total += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= total;
        }
        return k;
    }

    /** Separable filter with symmetric reflection at the borders (d c b a | a b c d | d c b a). */
    private static double[] blur(double[] plane, int width, int height, double[] kernel) {
        int r = kernel.length / 2;
        double[] rows = new double[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += kernel[k + r] * plane[y * width + reflect(x + k, width)];
                }
                rows[y * width + x] = s;
            }
        }
        double[] out = new double[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += kernel[k + r] * rows[reflect(y + k, height) * width + x];
                }
                out[y * width + x] = s;
            }
        }
        return out;
    }

    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    private static double psnr(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(DATA_RANGE * DATA_RANGE / mse);
    }

    /** {sum of squared differences inside, outside}. */
    private static double[] squaredDifferenceByRegion(float[] original, float[] edited, boolean[] mask) {
        requireSameLength(original, edited);
        int channels = channels(original, mask);
        int plane = mask.length;
        double inside = 0;
        double outside = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                double d = original[c * plane + i] - edited[c * plane + i];
                if (mask[i]) {
                    inside += d * d;
                } else {
                    outside += d * d;
                }
            }
        }
        return new double[] {inside, outside};
    }

    static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    private static int channels(float[] image, boolean[] mask) {
        if (mask.length == 0 || image.length % mask.length != 0) {
            throw new IllegalArgumentException("an image of " + image.length + " values does not split into planes of "
                    + mask.length + " pixels");
        }
        int inside = count(mask);
        if (inside == 0 || inside == mask.length) {
            throw new IllegalArgumentException("the mask must select some but not all pixels, selects " + inside
                    + " of " + mask.length);
        }
        return image.length / mask.length;
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("images differ in size: " + a.length + " and " + b.length + " values");
        }
    }
}
