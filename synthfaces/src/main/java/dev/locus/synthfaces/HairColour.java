package dev.locus.synthfaces;

import java.util.Locale;

/** Colour of the hair. None is close to a background colour. */
public enum HairColour {
    BLACK(0x201A1A),
    BROWN(0x6E4222),
    BLONDE(0xEAC66A),
    RED(0xC2521E);

    /** sRGB colour, 0xRRGGBB. */
    public final int rgb;

    HairColour(int rgb) {
        this.rgb = rgb;
    }

    /** The word used in captions and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
