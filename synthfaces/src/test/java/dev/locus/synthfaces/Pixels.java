package dev.locus.synthfaces;

import java.awt.image.BufferedImage;

/** Pixel comparisons shared by the tests. */
final class Pixels {
    private Pixels() {
    }

    static int[] rgb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** Pixels that differ at all between two same-size images. */
    static Mask changed(BufferedImage a, BufferedImage b) {
        int[] pa = rgb(a);
        int[] pb = rgb(b);
        boolean[] out = new boolean[pa.length];
        for (int i = 0; i < pa.length; i++) {
            out[i] = pa[i] != pb[i];
        }
        return new Mask(a.getWidth(), a.getHeight(), out);
    }

    /** Pixels of {@code changed} that lie outside {@code allowed}. */
    static int outside(Mask changed, Mask allowed) {
        return changed.count() - changed.overlap(allowed);
    }

    /** Share of the summed absolute channel differences between two images that lies outside {@code region}. */
    static double energyOutside(BufferedImage a, BufferedImage b, Mask region) {
        int[] pa = rgb(a);
        int[] pb = rgb(b);
        long inside = 0;
        long outside = 0;
        for (int i = 0; i < pa.length; i++) {
            int d = 0;
            for (int shift = 0; shift < 24; shift += 8) {
                d += Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF));
            }
            if (region.get(i % a.getWidth(), i / a.getWidth())) {
                inside += d;
            } else {
                outside += d;
            }
        }
        return inside + outside == 0 ? 0 : outside / (double) (inside + outside);
    }

    /** {@code m} grown by one pixel in the eight directions. */
    static Mask dilate(Mask m) {
        int w = m.width();
        int h = m.height();
        boolean[] out = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean any = false;
                for (int dy = -1; dy <= 1 && !any; dy++) {
                    for (int dx = -1; dx <= 1 && !any; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        any = nx >= 0 && ny >= 0 && nx < w && ny < h && m.get(nx, ny);
                    }
                }
                out[y * w + x] = any;
            }
        }
        return new Mask(w, h, out);
    }
}
