package dev.locus.synthfaces.bench;

import dev.locus.engine.io.TensorArrays;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.methods.HSpaceDirections;
import dev.locus.engine.methods.Loco;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.pipelines.EditPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.synthfaces.Face;
import dev.locus.synthfaces.Mask;
import dev.locus.synthfaces.Region;
import dev.locus.synthfaces.probe.FaceImages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * Runs one method variant on faces: discovers a direction set on a source face with its ground-truth region
 * mask(s), and applies a direction at given multiples of the method's strength to any face, timing both.
 *
 * <p>LOCO variants find directions for one region at a time (J of the masked posterior mean, or of the masked
 * noise prediction for {@link Method#LOCO_EPS}). The h-space methods find directions for all regions at once
 * from the image's partition into the benchmark regions plus the rest ({@link #H_SPACE_PARTITION}), so one
 * discovery per face serves every region; its time is counted once, on the first region asked for. JIVE and Haas
 * start from the same per-region SVDs (same options and seeds), computed once per face; each method's learning
 * time is the SVDs' time plus its own stage's.
 */
public final class MethodRunner {

    /** The regions the h-space methods partition every face into (the rest is everything else). */
    public static final List<Region> H_SPACE_PARTITION = List.of(Region.EYES, Region.EYEBROWS, Region.MOUTH, Region.HAIR);

    /** The method variants of the benchmark. */
    public enum Method {
        /** LOCO (Algorithm 1): J of the posterior mean, null-space projected. */
        LOCO("loco", "x_t"),
        /** LOCO without the null-space projection. */
        LOCO_NO_NULL("loco-no-null", "x_t"),
        /** LOCO with J of the noise prediction (d eps / d x_t) instead of the posterior mean. */
        LOCO_EPS("loco-eps", "x_t"),
        /** JIVE's individual (region-specific) h-space directions. */
        JIVE("jive", "h"),
        /** Haas et al.'s per-region h-space SVD directions: JIVE without JIVE. */
        HAAS("haas", "h");

        private final String id;
        private final String space;

        Method(String id, String space) {
            this.id = id;
            this.space = space;
        }

        public String id() {
            return id;
        }

        public String space() {
            return space;
        }

        public static Method fromId(String id) {
            String key = id.trim().toLowerCase(Locale.ROOT);
            for (Method m : values()) {
                if (m.id.equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown method '" + id + "'; methods are loco, loco-no-null, loco-eps, jive, haas");
        }
    }

    /**
     * @param steps          DDIM steps over the whole schedule (inversion and sampling use those below t_edit)
     * @param timestep       t_edit as a fraction of the training timesteps, both spaces
     * @param locoRank       k, LOCO directions per region
     * @param nullRank       r', LOCO's complement subspace
     * @param minIterations  power-method iterations, at least
     * @param maxIterations  power-method iterations, at most
     * @param locoTolerance  LOCO subspace tolerance
     * @param hRank          r, singular vectors per region Jacobian in h-space
     * @param jointRank      r_C
     * @param individualRank r_A (also the directions kept per region without JIVE)
     * @param hTolerance     h-space singular value tolerance
     * @param xtStrength     lambda for x_t directions
     * @param hStrength      alpha for h directions
     * @param direction      which direction of a region's set is applied (0: the top one)
     */
    public record Settings(int steps, double timestep, int locoRank, int nullRank, int minIterations, int maxIterations,
                           double locoTolerance, int hRank, int jointRank, int individualRank, double hTolerance,
                           double xtStrength, double hStrength, int direction, long seed) {}

    /** A region's direction: the basis, which vector, the strength multiples are taken of, and the learning time. */
    public record Direction(Method method, Region region, DirectionBasis basis, int index, double strength,
                            double learnSeconds, boolean learnShared, String powerIterations) {}

    /** Edited images, [rows, 3, H, W] planar in [-1, 1], and the wall time of the whole application. */
    public record Edited(float[] pixels, int rows, double seconds) {

        public float[] image(int row) {
            int per = pixels.length / rows;
            float[] out = new float[per];
            System.arraycopy(pixels, row * per, out, 0, per);
            return out;
        }
    }

    private final UNet2DModel model;
    private final String fingerprint;
    private final DiffusersDdimTrajectory trajectory;
    private final Settings settings;
    private final Map<String, DirectionBasis> hSpaceCache = new HashMap<>();
    private final Map<String, String> hSpaceIterations = new HashMap<>();
    private final Map<String, Double> hSpaceSeconds = new HashMap<>();
    /** Per face: the region SVDs JIVE and Haas share, with the time they took. Small: r vectors of h per region. */
    private final Map<String, TimedSvds> regionSvds = new HashMap<>();

    private record TimedSvds(HSpaceDirections.RegionSvds svds, double seconds, String iterations) {}

    public MethodRunner(UNet2DModel model, String fingerprint, SchedulerConfig scheduler, Settings settings) {
        this.model = model;
        this.fingerprint = fingerprint;
        this.trajectory = new DiffusersDdimTrajectory(scheduler, settings.steps(), 0);
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The strength multiples are taken of: lambda for x_t methods, alpha for h-space ones. */
    public double strength(Method method) {
        return method.space().equals("x_t") ? settings.xtStrength() : settings.hStrength();
    }

    /** Direction {@code settings.direction()} of the method's set for {@code region} of {@code face} ({@code faceKey} names it for the cache). */
    public Direction discover(Method method, Face face, String faceKey, Region region) {
        Tensor image = FaceImages.toTensor(List.of(face.image()));
        long start = System.nanoTime();
        Map<String, Integer> iterations = new java.util.LinkedHashMap<>();
        StepListener counter = (phase, step, total) -> {
            if (phase.startsWith("power-iteration:")) {
                iterations.merge(phase.substring("power-iteration:".length()), step, Math::max);
            }
        };
        switch (method) {
            case LOCO, LOCO_NO_NULL, LOCO_EPS -> {
                Loco.Options options = new Loco.Options(settings.timestep(), settings.locoRank(), settings.nullRank(),
                        method != Method.LOCO_NO_NULL, settings.minIterations(), settings.maxIterations(),
                        settings.locoTolerance(), Math.max(settings.locoRank(), settings.nullRank()), settings.seed(),
                        method == Method.LOCO_EPS ? Loco.Target.NOISE : Loco.Target.POSTERIOR_MEAN);
                DirectionBasis basis = new Loco(model, trajectory, fingerprint)
                        .discover(image, maskTensor(face.mask(region)), options, counter);
                return new Direction(method, region, basis, Math.min(settings.direction(), basis.size() - 1),
                        strength(method), seconds(start), false, describe(iterations));
            }
            case JIVE, HAAS -> {
                String key = method.id() + "/" + faceKey;
                DirectionBasis basis = hSpaceCache.get(key);
                boolean shared = basis != null;
                if (basis == null) {
                    HSpaceDirections hSpace = new HSpaceDirections(model, trajectory, fingerprint);
                    HSpaceDirections.Options options = new HSpaceDirections.Options(settings.timestep(), settings.hRank(),
                            settings.jointRank(), settings.individualRank(), method == Method.JIVE, settings.minIterations(),
                            settings.maxIterations(), settings.hTolerance(), 100, settings.hRank(), settings.seed());
                    TimedSvds svds = regionSvds.get(faceKey);
                    if (svds == null) {
                        svds = new TimedSvds(hSpace.regionSvds(image, partition(face), options, counter), seconds(start),
                                describe(iterations));
                        regionSvds.put(faceKey, svds);
                    }
                    long directionsStart = System.nanoTime();
                    basis = hSpace.directions(svds.svds(), options);
                    hSpaceCache.put(key, basis);
                    hSpaceIterations.put(key, svds.iterations());
                    hSpaceSeconds.put(key, svds.seconds() + seconds(directionsStart));
                }
                String label = region.id() + (method == Method.JIVE ? "/individual/" : "/svd/") + settings.direction();
                int index = basis.labels().indexOf(label);
                if (index < 0) {
                    throw new IllegalStateException("no direction " + label + " in " + basis.labels());
                }
                return new Direction(method, region, basis, index, strength(method),
                        shared ? Double.NaN : hSpaceSeconds.get(key), shared, hSpaceIterations.get(key));
            }
            default -> throw new IllegalArgumentException(method.id());
        }
    }

    /**
     * Drops the cached h-space sets of a face once every region of it is done. Its region SVDs stay for the other
     * h-space method.
     */
    public void forget(String faceKey) {
        hSpaceCache.keySet().removeIf(k -> k.endsWith("/" + faceKey));
        hSpaceIterations.keySet().removeIf(k -> k.endsWith("/" + faceKey));
        hSpaceSeconds.keySet().removeIf(k -> k.endsWith("/" + faceKey));
    }

    /** {@code direction} applied to {@code face} at each multiple of its strength, as one batched pass. */
    public Edited sweep(Direction direction, Face face, double[] multiples) {
        return apply(List.of(face), rows(direction, multiples));
    }

    /**
     * {@code direction} at each multiple of its strength on every face of {@code faces}, as one batched inversion
     * and one batched sampling pass: rows are face-major (face f's multiples are rows f * m ... f * m + m - 1).
     */
    public Edited transfer(Direction direction, List<Face> faces, double[] multiples) {
        return apply(faces, rows(direction, multiples));
    }

    /** One single-term edit per multiple of the direction's strength. */
    private static List<List<EditPipeline.Term>> rows(Direction direction, double[] multiples) {
        double[] strengths = new double[multiples.length];
        for (int i = 0; i < multiples.length; i++) {
            strengths[i] = multiples[i] * direction.strength();
        }
        return EditPipeline.sweep(direction.basis(), direction.index(), strengths);
    }

    /** Several directions added at once, each at its full strength: one image. */
    public Edited compose(List<Direction> directions, Face face) {
        List<EditPipeline.Term> row = directions.stream()
                .map(d -> new EditPipeline.Term(d.basis(), d.index(), d.strength())).toList();
        return apply(List.of(face), List.of(row));
    }

    private Edited apply(List<Face> faces, List<List<EditPipeline.Term>> rows) {
        long start = System.nanoTime();
        float[] pixels;
        try (PointerScope scope = new PointerScope()) {
            Tensor image = FaceImages.toTensor(faces.stream().map(Face::image).toList());
            Tensor edited = new EditPipeline(model, fingerprint, trajectory).apply(image, rows, settings.seed(), StepListener.NONE)
                    .clamp(new ScalarOptional(new Scalar(-1.0)), new ScalarOptional(new Scalar(1.0)));
            pixels = TensorArrays.toFloats(edited);
        }
        return new Edited(pixels, faces.size() * rows.size(), seconds(start));
    }

    private static List<HSpaceDirections.Region> partition(Face face) {
        List<HSpaceDirections.Region> regions = new ArrayList<>();
        Mask union = null;
        for (Region r : H_SPACE_PARTITION) {
            Mask m = face.mask(r);
            regions.add(new HSpaceDirections.Region(r.id(), maskTensor(m)));
            union = union == null ? m : union.union(m);
        }
        boolean[] rest = union.toArray();
        for (int i = 0; i < rest.length; i++) {
            rest[i] = !rest[i];
        }
        regions.add(new HSpaceDirections.Region("rest", maskTensor(new Mask(union.width(), union.height(), rest))));
        return regions;
    }

    /** [1, 1, H, W] float, 1 inside. */
    static Tensor maskTensor(Mask mask) {
        boolean[] in = mask.toArray();
        float[] values = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            values[i] = in[i] ? 1f : 0f;
        }
        return Tensor.create(values, 1, 1, mask.height(), mask.width());
    }

    /** Power iterations per Jacobian, e.g. "roi 12 complement 50". */
    private static String describe(Map<String, Integer> iterations) {
        StringBuilder s = new StringBuilder();
        iterations.forEach((phase, n) -> s.append(s.length() == 0 ? "" : " ").append(phase).append(' ').append(n));
        return s.toString();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
