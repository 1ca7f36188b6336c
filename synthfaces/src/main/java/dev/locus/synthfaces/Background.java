package dev.locus.synthfaces;

import java.util.Locale;

/** Flat background colour. Cool or muted so it never blends with skin, lips or hair. */
public enum Background {
    BLUE(0x86B6E8),
    GREEN(0x94D29C),
    PURPLE(0xB8A0E4),
    GREY(0xB4B9C0);

    /** sRGB colour, 0xRRGGBB. */
    public final int rgb;

    Background(int rgb) {
        this.rgb = rgb;
    }

    /** The word used in captions and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
