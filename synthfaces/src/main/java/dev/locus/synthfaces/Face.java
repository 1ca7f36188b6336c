package dev.locus.synthfaces;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One rendered face: the RGB picture, what it shows, and where.
 *
 * @param image TYPE_INT_RGB, {@code size} x {@code size}
 * @param masks one mask per {@link Region#MASKED} region, at image resolution
 * @param caption a sentence naming the factors, see {@link Captions}
 */
public record Face(BufferedImage image, FaceFactors factors, Pose pose, Map<Region, Mask> masks, String caption) {

    public Face {
        masks = Collections.unmodifiableMap(new EnumMap<>(masks));
        for (Region r : Region.MASKED) {
            if (!masks.containsKey(r)) {
                throw new IllegalArgumentException("missing mask for " + r.id());
            }
        }
    }

    public int size() {
        return image.getWidth();
    }

    public Mask mask(Region region) {
        Mask m = masks.get(region);
        if (m == null) {
            throw new IllegalArgumentException(region.id() + " has no mask");
        }
        return m;
    }
}
