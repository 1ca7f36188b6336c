package dev.locus.synthfaces;

import java.util.Locale;

/** Cut of the hair; decides the hairline and whether hair falls beside the neck. */
public enum HairStyle {
    /** A cap of hair with a curved hairline and short sideburns. */
    SHORT,
    /** A straight fringe down to just above the eyebrows. */
    FRINGE,
    /** Like short on top, and falling behind the head down past the chin. */
    LONG;

    /** The word used in captions and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
