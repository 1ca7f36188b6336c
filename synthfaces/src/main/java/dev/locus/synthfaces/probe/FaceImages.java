package dev.locus.synthfaces.probe;

import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Pictures to the probe's input: planar RGB floats in [-1, 1] (x = pixel / 127.5 - 1, the diffusers
 * convention the engine's {@code Images} also uses), so a face read from a PNG and one rendered in memory
 * give the same tensor.
 */
public final class FaceImages {

    private FaceImages() {}

    /** Writes one image as [3, H, W] floats into {@code dst} starting at {@code offset}. */
    public static void toSigned(BufferedImage image, float[] dst, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            dst[offset + i] = (p >> 16 & 0xFF) / 127.5f - 1;
            dst[offset + plane + i] = (p >> 8 & 0xFF) / 127.5f - 1;
            dst[offset + 2 * plane + i] = (p & 0xFF) / 127.5f - 1;
        }
    }

    /** Square images of one size as a float32 tensor [B, 3, S, S]. */
    public static Tensor toTensor(List<BufferedImage> images) {
        int size = images.get(0).getWidth();
        int per = 3 * size * size;
        float[] values = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            if (image.getWidth() != size || image.getHeight() != size) {
                throw new IllegalArgumentException("image " + i + " is " + image.getWidth() + "x" + image.getHeight()
                        + ", expected " + size + "x" + size);
            }
            toSigned(image, values, i * per);
        }
        return Tensor.create(values, images.size(), 3, size, size);
    }
}
