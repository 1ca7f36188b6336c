package dev.locus.synthfaces;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Renders factors and a pose to a {@link Face}: the picture, its region masks and its caption. Pure function of
 * its arguments; safe to call from several threads at once.
 */
public final class FaceRenderer {
    /** Sizes the layout is tuned for. Others work but are not checked. */
    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 512;

    private FaceRenderer() {
    }

    public static Face render(FaceFactors factors, Pose pose, int size) {
        FaceGeometry geo = FaceGeometry.of(factors);
        return new Face(paint(geo, factors, pose, size), factors, pose, RegionMasks.of(geo, pose, size),
                Captions.describe(factors));
    }

    /** The picture alone, pixel for pixel the one {@link #render} gives: training data needs no masks or caption. */
    public static BufferedImage renderImage(FaceFactors factors, Pose pose, int size) {
        return paint(FaceGeometry.of(factors), factors, pose, size);
    }

    private static BufferedImage paint(FaceGeometry geo, FaceFactors factors, Pose pose, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size " + size + " is outside [" + MIN_SIZE + ", " + MAX_SIZE + "]");
        }
        AffineTransform t = Supersampler.canvasToPixels(pose, size);
        BufferedImage big = new BufferedImage(size * Supersampler.FACTOR, size * Supersampler.FACTOR,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Supersampler.graphics(big, new AffineTransform(), true);
        g.setColor(Rgb.color(factors.background().rgb));
        g.fillRect(0, 0, big.getWidth(), big.getHeight());
        g.setTransform(t);
        FacePainter.paint(g, geo, factors);
        g.dispose();
        return Supersampler.reduce(big, size);
    }
}
