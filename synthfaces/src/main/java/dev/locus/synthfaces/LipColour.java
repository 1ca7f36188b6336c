package dev.locus.synthfaces;

import java.util.Locale;

/** Colour of the lips. Each stays distinct from every skin tone so the mouth reads at 32x32. */
public enum LipColour {
    PINK(0xF08CA8),
    RED(0xD01C34),
    PLUM(0x7A2456),
    ORANGE(0xF0742A);

    /** sRGB colour, 0xRRGGBB. */
    public final int rgb;

    LipColour(int rgb) {
        this.rgb = rgb;
    }

    /** The word used in captions and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
