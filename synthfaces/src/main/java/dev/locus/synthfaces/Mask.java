package dev.locus.synthfaces;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/** A binary mask at image resolution, row-major; immutable. */
public final class Mask {
    private final int width;
    private final int height;
    private final boolean[] inside;

    public Mask(int width, int height, boolean[] inside) {
        if (inside.length != width * height) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " needs " + width * height
                    + " values, got " + inside.length);
        }
        this.width = width;
        this.height = height;
        this.inside = inside.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean get(int x, int y) {
        return inside[y * width + x];
    }

    /** Number of pixels inside. */
    public int count() {
        int n = 0;
        for (boolean b : inside) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    /** Fraction of the image inside. */
    public double area() {
        return count() / (double) inside.length;
    }

    public Mask union(Mask other) {
        requireSameSize(other);
        boolean[] out = new boolean[inside.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = inside[i] || other.inside[i];
        }
        return new Mask(width, height, out);
    }

    /** Number of pixels inside both masks. */
    public int overlap(Mask other) {
        requireSameSize(other);
        int n = 0;
        for (int i = 0; i < inside.length; i++) {
            if (inside[i] && other.inside[i]) {
                n++;
            }
        }
        return n;
    }

    /** Copy of the values, row-major. */
    public boolean[] toArray() {
        return inside.clone();
    }

    /** 8-bit grey image, white = inside, black = outside. */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = new byte[inside.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = inside[i] ? (byte) 255 : 0;
        }
        img.getRaster().setDataElements(0, 0, width, height, px);
        return img;
    }

    private void requireSameSize(Mask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("mask sizes differ: " + width + "x" + height + " vs "
                    + other.width + "x" + other.height);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.inside, inside);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(inside);
    }
}
