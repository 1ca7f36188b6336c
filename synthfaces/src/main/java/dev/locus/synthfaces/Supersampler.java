package dev.locus.synthfaces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * Draws at {@link #FACTOR} times the output resolution and reduces by box filtering, which gives smoother
 * edges at 32x32 than Java2D's anti-aliasing alone. Also reduces hard-edged drawings to per-pixel coverage
 * counts, for masks that line up with the picture sample for sample.
 */
final class Supersampler {
    static final int FACTOR = 4;
    static final int SAMPLES = FACTOR * FACTOR;

    private Supersampler() {
    }

    /** Maps canvas units to pixels of the supersampled image, pose included. */
    static AffineTransform canvasToPixels(Pose pose, int size) {
        double pixelsPerUnit = size * FACTOR / Layout.CANVAS;
        double centre = Layout.CANVAS / 2;
        AffineTransform t = AffineTransform.getScaleInstance(pixelsPerUnit, pixelsPerUnit);
        t.translate(centre + pose.dx(), centre + pose.dy());
        t.scale(pose.scale(), pose.scale());
        t.translate(-centre, -centre);
        return t;
    }

    /**
     * A fresh supersampled canvas with every hint that affects pixels set explicitly, so no platform default
     * leaks in. {@code smooth} turns anti-aliasing on (pictures) or off (masks).
     */
    static Graphics2D graphics(BufferedImage img, AffineTransform transform, boolean smooth) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                smooth ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_DITHERING, RenderingHints.VALUE_DITHER_DISABLE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setTransform(transform);
        return g;
    }

    /** Averages each FACTOR x FACTOR block of an RGB image, rounding to nearest. */
    static BufferedImage reduce(BufferedImage big, int size) {
        int bigSize = size * FACTOR;
        int[] src = pixels(big);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] dst = pixels(out);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int r = 0;
                int gr = 0;
                int b = 0;
                for (int sy = 0; sy < FACTOR; sy++) {
                    int row = (y * FACTOR + sy) * bigSize + x * FACTOR;
                    for (int sx = 0; sx < FACTOR; sx++) {
                        int p = src[row + sx];
                        r += p >> 16 & 0xFF;
                        gr += p >> 8 & 0xFF;
                        b += p & 0xFF;
                    }
                }
                int half = SAMPLES / 2;
                dst[y * size + x] = (r + half) / SAMPLES << 16 | (gr + half) / SAMPLES << 8 | (b + half) / SAMPLES;
            }
        }
        return out;
    }

    /** The live 0xRRGGBB array behind a TYPE_INT_RGB image; getRGB's colour-model path is ten times slower. */
    private static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    /** Per output pixel, how many of its samples the union of {@code shapes} covers (0 to SAMPLES). */
    static int[] coverage(List<Shape> shapes, AffineTransform transform, int size) {
        return labelCoverage(shapes, java.util.Collections.nCopies(shapes.size(), Region.GLOBAL), transform, size)
                [Region.GLOBAL.ordinal()];
    }

    /**
     * Paints {@code shapes} in order, each with its label, later ones covering earlier ones, then counts per
     * output pixel how many samples each label ended up with. Indexed by label ordinal.
     */
    static int[][] labelCoverage(List<Shape> shapes, List<Region> labels, AffineTransform transform, int size) {
        int bigSize = size * FACTOR;
        BufferedImage img = new BufferedImage(bigSize, bigSize, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img, transform, false);
        for (int i = 0; i < shapes.size(); i++) {
            // Label ordinal + 1 in the blue channel; exact, since anti-aliasing is off.
            g.setColor(new Color(labels.get(i).ordinal() + 1));
            g.fill(shapes.get(i));
        }
        g.dispose();
        int[] px = pixels(img);
        int[][] counts = new int[Region.values().length][size * size];
        for (int y = 0; y < bigSize; y++) {
            int rowBase = (y / FACTOR) * size;
            for (int x = 0; x < bigSize; x++) {
                int level = px[y * bigSize + x] & 0xFF;
                if (level != 0) {
                    counts[level - 1][rowBase + x / FACTOR]++;
                }
            }
        }
        return counts;
    }
}
