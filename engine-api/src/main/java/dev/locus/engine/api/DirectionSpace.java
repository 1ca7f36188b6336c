package dev.locus.engine.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a direction's vectors live, and so how an edit applies them. */
public enum DirectionSpace {
    /** The noisy image at the direction's level: added once, {@code x_t + lambda v} (LOCO). */
    X_T("x_t"),
    /** The UNet's mid-block output: added at every step from the direction's level down to 0 (JIVE, Haas). */
    H("h");

    private final String id;

    DirectionSpace(String id) {
        this.id = id;
    }

    /** The name stored in basis files and the registry, and shown by the API. */
    public String id() {
        return id;
    }

    /** The space a stored name ({@link #id()}) means. */
    public static DirectionSpace fromId(String id) {
        for (DirectionSpace space : values()) {
            if (space.id.equals(id)) {
                return space;
            }
        }
        throw new IllegalArgumentException("unknown direction space '" + id + "': expected one of "
                + Arrays.stream(values()).map(DirectionSpace::id).collect(Collectors.joining(", ")));
    }
}
