package dev.locus.synthfaces;

import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Every shape of one face on the 64-unit canvas, before pose. Painting and masks both read these shapes, so
 * a mask can never drift from what is drawn.
 */
record FaceGeometry(HeadShapes head, EyeShapes eyes, GlassesShapes glasses, BrowShapes brows, MouthShapes mouth,
                    HairShapes hair) {

    static FaceGeometry of(FaceFactors f) {
        HeadShapes head = HeadShapes.of(f);
        EyeShapes eyes = EyeShapes.of(f);
        return new FaceGeometry(head, eyes, GlassesShapes.of(f, eyes), BrowShapes.of(f), MouthShapes.of(f),
                HairShapes.of(f, head));
    }

    /** The eyes region: both eyes and, when worn, the glasses; painted together, the parts form a union. */
    List<Shape> eyesZone() {
        List<Shape> parts = new ArrayList<>();
        parts.add(eyes.zone());
        parts.addAll(glasses.zone());
        return parts;
    }
}
