package dev.locus.engine.api.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Conversions between images and planar 8-bit channels or planar floats in [-1, 1], the
 * diffusers convention x = pixel / 127.5 - 1. All loops run over Java arrays.
 */
public final class ImagePixels {

    private ImagePixels() {
    }

    /**
     * The image as three planes of 8-bit values, {R, G, B}, each height*width long. Alpha is
     * dropped; the colour values are kept as stored, not blended with any background.
     */
    public static int[][] rgbPlanes(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[][] planes = new int[3][];
        if (isPlainGray(image)) {
            // getRGB would push linear-gray images through a gamma curve and shift every value;
            // masks are usually grayscale, so read the stored samples instead.
            Raster raster = image.getRaster();
            int[] gray = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            if (max != 255) {
                for (int i = 0; i < gray.length; i++) {
                    gray[i] = Math.round(gray[i] * 255f / max);
                }
            }
            planes[0] = gray;
            planes[1] = gray;
            planes[2] = gray;
            return planes;
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            int[] plane = new int[argb.length];
            for (int i = 0; i < argb.length; i++) {
                plane[i] = (argb[i] >>> shift) & 0xFF;
            }
            planes[c] = plane;
        }
        return planes;
    }

    /** Planar [3, H, W] floats in [-1, 1]. */
    public static float[] toSigned(int[][] planes) {
        int size = planes[0].length;
        float[] values = new float[3 * size];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < size; i++) {
                values[c * size + i] = planes[c][i] / 127.5f - 1f;
            }
        }
        return values;
    }

    /**
     * Draws planar [3, H, W] floats in [-1, 1] (values outside are clamped) into {@code target}
     * at (x, y). The target must be {@link BufferedImage#TYPE_INT_RGB}.
     */
    public static void draw(float[] values, int offset, int height, int width, BufferedImage target, int x, int y) {
        int[] pixels = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
        int stride = target.getWidth();
        int plane = height * width;
        for (int row = 0; row < height; row++) {
            int rowStart = (y + row) * stride + x;
            for (int col = 0; col < width; col++) {
                int i = offset + row * width + col;
                int r = toByte(values[i]);
                int g = toByte(values[i + plane]);
                int b = toByte(values[i + 2 * plane]);
                pixels[rowStart + col] = (r << 16) | (g << 8) | b;
            }
        }
    }

    private static int toByte(float value) {
        float clamped = Math.max(-1f, Math.min(1f, value)); // NaN survives this and rounds to 0: black
        return Math.round((clamped + 1f) * 127.5f);
    }

    private static boolean isPlainGray(BufferedImage image) {
        return !(image.getColorModel() instanceof IndexColorModel)
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }
}
