package dev.locus.synthfaces;

import java.util.Locale;

/** Colour of the irises. Saturated enough to survive a two-pixel iris at 32x32. */
public enum IrisColour {
    BROWN(0x7A4A1E),
    BLUE(0x2E7BE0),
    GREEN(0x2FA04A),
    GREY(0x8C99A6);

    /** sRGB colour, 0xRRGGBB. */
    public final int rgb;

    IrisColour(int rgb) {
        this.rgb = rgb;
    }

    /** The word used in captions and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
