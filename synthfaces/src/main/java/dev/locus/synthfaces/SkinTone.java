package dev.locus.synthfaces;

import java.util.Locale;

/** Colour of the skin. */
public enum SkinTone {
    LIGHT(0xF8DCC6),
    MEDIUM(0xE6B48C),
    TAN(0xC0865A),
    DARK(0x7E4E32);

    /** sRGB colour, 0xRRGGBB. */
    public final int rgb;

    SkinTone(int rgb) {
        this.rgb = rgb;
    }

    /** The word used in captions and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
