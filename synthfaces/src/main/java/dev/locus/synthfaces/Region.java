package dev.locus.synthfaces;

import java.util.List;
import java.util.Locale;

/**
 * Where on the picture a factor acts. Every region but {@link #GLOBAL} has a ground-truth mask, so an edit
 * of a factor can be judged by how much of its pixel change stays inside its region.
 */
public enum Region {
    EYES,
    EYEBROWS,
    MOUTH,
    HAIR,
    /** The visible skin: head, ears and neck, with the features drawn on it, less what hair covers. */
    FACE,
    /** Everything that is neither face nor hair. */
    BACKGROUND,
    /** Acts on the whole picture; has no mask. */
    GLOBAL;

    /** The regions that have a mask, in a fixed order. */
    public static final List<Region> MASKED = List.of(EYES, EYEBROWS, MOUTH, HAIR, FACE, BACKGROUND);

    public boolean hasMask() {
        return this != GLOBAL;
    }

    /** Lower-case name, as used in file names ({@code mask_eyes.png}) and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
