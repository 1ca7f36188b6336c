package dev.locus.synthfaces;

import java.awt.Color;

/** Colour arithmetic on 0xRRGGBB ints, rounded the same way everywhere. */
final class Rgb {
    private Rgb() {
    }

    /** {@code a} moved a fraction {@code t} of the way to {@code b}. */
    static int mix(int a, int b, double t) {
        return channel(a, b, t, 16) << 16 | channel(a, b, t, 8) << 8 | channel(a, b, t, 0);
    }

    static int darken(int rgb, double t) {
        return mix(rgb, 0x000000, t);
    }

    static int lighten(int rgb, double t) {
        return mix(rgb, 0xFFFFFF, t);
    }

    static Color color(int rgb) {
        return new Color(rgb);
    }

    private static int channel(int a, int b, double t, int shift) {
        int ca = a >> shift & 0xFF;
        int cb = b >> shift & 0xFF;
        return (int) Math.round(ca + (cb - ca) * t);
    }
}
