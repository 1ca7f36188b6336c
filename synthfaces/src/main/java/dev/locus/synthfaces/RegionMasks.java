package dev.locus.synthfaces;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Region masks of one face at image resolution.
 *
 * <p>Face, hair and background split the picture between them: the layers are painted in the picture's own
 * order (back hair, skin, front hair) as flat labels, and each pixel goes to whichever label covers most of its
 * samples. Eyes, eyebrows and mouth are zones with a margin around their features, and a pixel is inside as
 * soon as the zone touches one of its samples, so every pixel the feature paints, anti-aliased edges included,
 * is inside.
 */
final class RegionMasks {
    private RegionMasks() {
    }

    static Map<Region, Mask> of(FaceGeometry geo, Pose pose, int size) {
        AffineTransform t = Supersampler.canvasToPixels(pose, size);
        Map<Region, Mask> masks = new EnumMap<>(Region.class);
        masks.put(Region.EYES, touched(Supersampler.coverage(geo.eyesZone(), t, size), size));
        masks.put(Region.EYEBROWS, touched(Supersampler.coverage(List.of(geo.brows().zone()), t, size), size));
        masks.put(Region.MOUTH, touched(Supersampler.coverage(List.of(geo.mouth().zone()), t, size), size));

        List<Shape> layers = new ArrayList<>();
        List<Region> labels = new ArrayList<>();
        layers.add(geo.hair().back());
        labels.add(Region.HAIR);
        for (Shape s : geo.head().skin()) {
            layers.add(s);
            labels.add(Region.FACE);
        }
        layers.add(geo.hair().front());
        labels.add(Region.HAIR);
        int[][] counts = Supersampler.labelCoverage(layers, labels, t, size);
        int[] hairCount = counts[Region.HAIR.ordinal()];
        int[] skinCount = counts[Region.FACE.ordinal()];

        boolean[] face = new boolean[size * size];
        boolean[] hair = new boolean[size * size];
        boolean[] background = new boolean[size * size];
        for (int i = 0; i < face.length; i++) {
            int bg = Supersampler.SAMPLES - skinCount[i] - hairCount[i];
            // Ties go to the face, then hair, so that thin features keep their pixels.
            if (skinCount[i] >= hairCount[i] && skinCount[i] >= bg) {
                face[i] = true;
            } else if (hairCount[i] >= bg) {
                hair[i] = true;
            } else {
                background[i] = true;
            }
        }
        masks.put(Region.HAIR, new Mask(size, size, hair));
        masks.put(Region.FACE, new Mask(size, size, face));
        masks.put(Region.BACKGROUND, new Mask(size, size, background));
        return masks;
    }

    private static Mask touched(int[] counts, int size) {
        boolean[] in = new boolean[counts.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = counts[i] > 0;
        }
        return new Mask(size, size, in);
    }
}
