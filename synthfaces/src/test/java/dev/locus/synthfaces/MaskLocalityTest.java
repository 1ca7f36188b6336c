package dev.locus.synthfaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changing one factor must change pixels only inside its region's mask, taken in both states (glasses and eye
 * size reshape the eyes mask). Eye, eyebrow and mouth masks cover every pixel their feature paints, so nothing
 * may leak at all. Face, hair and background masks split edge pixels by majority, so a pixel that is 30% hair
 * belongs to its neighbour and still changes a little with the hair colour: there, changes are allowed one
 * pixel beyond the mask, and a tiny share of the change's energy beyond that.
 */
class MaskLocalityTest {
    private static final int SEEDS = 6;
    private static final double MAX_ENERGY_OUTSIDE = 0.005;

    @ParameterizedTest(name = "{0} {1}->{2} at {3}px, with {4}")
    @CsvSource({
            "eye_openness, 0, 1, 32, glasses=0",
            "eye_openness, 0, 1, 64, glasses=1",
            "eye_openness, 0.3, 0.8, 32, glasses=1",
            "eye_size, 0, 1, 32, eye_openness=1",
            "gaze, -1, 1, 32, eye_openness=1",
            "gaze, -1, 1, 64, eye_openness=0.5",
            "iris_colour, 0, 1, 32, eye_openness=1",
            "glasses, 0, 1, 32, eye_size=1",
            "glasses, 0, 1, 64, eye_size=0",
            "brow_angle, -1, 1, 32, brow_thickness=1",
            "brow_angle, -1, 1, 64, hair_style=1",
            "brow_thickness, 0, 1, 32, brow_angle=1",
            "mouth_curve, -1, 1, 32, mouth_open=1",
            "mouth_curve, -1, 1, 64, mouth_open=0",
            "mouth_open, 0, 1, 32, mouth_curve=1",
            "mouth_open, 0, 1, 64, mouth_curve=-1",
            "lip_colour, 0, 2, 32, mouth_open=0.5"})
    void featureFactorsChangeOnlyInsideTheirMask(String name, double from, double to, int size, String base) {
        Factor factor = Factor.fromId(name);
        for (long seed = 0; seed < SEEDS; seed++) {
            Pair p = render(seed, factor, from, to, size, base);
            Mask region = p.a.mask(factor.region()).union(p.b.mask(factor.region()));
            assertThat(p.changed.count()).as("seed %d: %s should change something", seed, name).isPositive();
            assertThat(Pixels.outside(p.changed, region))
                    .as("seed %d: pixels changed by %s outside the %s mask", seed, name, factor.region().id())
                    .isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}->{2} at {3}px, inside {4}")
    @CsvSource({
            "hair_colour, 0, 2, 32, hair",
            "hair_colour, 1, 3, 64, hair",
            "skin_tone, 0, 3, 32, face",
            "skin_tone, 1, 2, 64, face",
            "background, 0, 2, 32, background",
            "background, 1, 3, 64, background",
            // Shape factors move the border between regions: what one state shows as face the other shows
            // as hair or background.
            "hair_style, 0, 2, 32, hair face",
            "hair_style, 1, 2, 64, hair face",
            "face_width, 0, 1, 32, face hair",
            "face_width, 0, 1, 64, face hair"})
    void areaFactorsChangeOnlyInsideTheirMaskGivenOnePixelOfEdge(String name, double from, double to, int size,
                                                                  String regions) {
        Factor factor = Factor.fromId(name);
        assertThat(regions).startsWith(factor.region().id());
        for (long seed = 0; seed < SEEDS; seed++) {
            Pair p = render(seed, factor, from, to, size, "-");
            Mask allowed = null;
            for (String id : regions.split(" ")) {
                Region r = Region.valueOf(id.toUpperCase(Locale.ROOT));
                Mask both = p.a.mask(r).union(p.b.mask(r));
                allowed = allowed == null ? both : allowed.union(both);
            }
            Mask edge = Pixels.dilate(allowed);
            assertThat(p.changed.count()).as("seed %d: %s should change something", seed, name).isPositive();
            assertThat(Pixels.energyOutside(p.a.image(), p.b.image(), edge))
                    .as("seed %d: share of the change by %s outside the %s mask", seed, name, regions)
                    .isLessThanOrEqualTo(MAX_ENERGY_OUTSIDE);
            assertThat(Pixels.energyOutside(p.a.image(), p.b.image(), allowed))
                    .as("seed %d: share of the change by %s outside the %s mask, no edge", seed, name, regions)
                    .isLessThan(0.25);
        }
    }

    @ParameterizedTest(name = "{0} at {1}px")
    @CsvSource({"eyes, 32", "mouth, 32", "eyebrows, 32", "eyes, 64", "mouth, 64", "eyebrows, 64"})
    void featureMasksAreTightAroundTheirFeature(String regionId, int size) {
        // A mask that covered the whole face would pass the locality test; it must also stay small.
        Region region = Region.valueOf(regionId.toUpperCase(Locale.ROOT));
        for (long seed = 0; seed < SEEDS; seed++) {
            Face face = FaceGenerator.generate(seed, size);
            assertThat(face.mask(region).count())
                    .as("seed %d %s mask vs face mask", seed, regionId)
                    .isLessThan(face.mask(Region.FACE).count() * 2 / 5);
        }
    }

    private record Pair(Face a, Face b, Mask changed) {
    }

    private static Pair render(long seed, Factor factor, double from, double to, int size, String base) {
        FaceSample s = FaceGenerator.sample(seed);
        FaceFactors f = s.factors();
        if (!base.equals("-")) {
            String[] kv = base.split("=");
            Factor other = Factor.fromId(kv[0]);
            f = f.with(other, other.parse(kv[1]));
        }
        Face a = FaceRenderer.render(f.with(factor, from), s.pose(), size);
        Face b = FaceRenderer.render(f.with(factor, to), s.pose(), size);
        return new Pair(a, b, Pixels.changed(a.image(), b.image()));
    }
}
