package dev.locus.engine.api.images;

import java.awt.image.BufferedImage;

/**
 * How Locus reads a mask image, in plain Java so that services can check a mask without libtorch: a pixel is
 * inside the region when its luminance (0.299 R + 0.587 G + 0.114 B) is above 127, i.e. white marks the region.
 */
public final class MaskPixels {

    private MaskPixels() {}

    /** Row-major, one entry per pixel: whether it is inside the region. */
    public static boolean[] inside(BufferedImage image) {
        int[][] rgb = ImagePixels.rgbPlanes(image);
        boolean[] inside = new boolean[image.getWidth() * image.getHeight()];
        for (int i = 0; i < inside.length; i++) {
            double luminance = 0.299 * rgb[0][i] + 0.587 * rgb[1][i] + 0.114 * rgb[2][i];
            inside[i] = luminance > 127;
        }
        return inside;
    }

    /** How many pixels are inside the region. */
    public static int count(BufferedImage image) {
        int n = 0;
        for (boolean in : inside(image)) {
            n += in ? 1 : 0;
        }
        return n;
    }
}
