package dev.locus.synthfaces.bench;

import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.JivePreset;
import dev.locus.engine.api.LocoPreset;
import dev.locus.engine.api.Method;
import dev.locus.engine.io.TensorArrays;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.methods.HSpaceDirections;
import dev.locus.engine.methods.Loco;
import dev.locus.engine.methods.TensorHash;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.EditPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.Scopes;
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

    /**
     * @param steps          DDIM steps over the whole schedule (inversion and sampling use those below t_edit)
     * @param timestep       t_edit as a fraction of the training timesteps, both spaces
     * @param locoRank       k, LOCO directions per region
     * @param nullRank       r', LOCO's complement subspace
     * @param minIterations  power-method iterations, at least
     * @param maxIterations  power-method iterations, at most
     * @param hIterations    h-space power iterations, fixed; 0: the min and max above
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
                           int hIterations, double locoTolerance, int hRank, int jointRank, int individualRank, double hTolerance,
                           double xtStrength, double hStrength, int direction, long seed) {

        /**
         * The edit benchmark report's settings (docs/benchmarks/README.md): 20 DDIM steps, t_edit 0.6, k 3, r' 8, 10
         * power iterations, 5 h-space iterations, r 20, r_C 12, r_A 5, lambda 8, alpha 50, direction 0, seed 0.
         */
        public static Settings benchmarkReport() {
            LocoPreset loco = LocoPreset.REFERENCE;
            JivePreset jive = JivePreset.PAPER;
            return new Settings(20, loco.tEdit(), loco.rank(), 8, 10, 10, 5, loco.tolerance(), 20, 12,
                    jive.individualRank(), jive.tolerance(), 8, 50, 0, 0);
        }

        public Settings withSteps(int newSteps) {
            return new Settings(newSteps, timestep, locoRank, nullRank, minIterations, maxIterations, hIterations,
                    locoTolerance, hRank, jointRank, individualRank, hTolerance, xtStrength, hStrength, direction, seed);
        }

        public Settings withHIterations(int newHIterations) {
            return new Settings(steps, timestep, locoRank, nullRank, minIterations, maxIterations, newHIterations,
                    locoTolerance, hRank, jointRank, individualRank, hTolerance, xtStrength, hStrength, direction, seed);
        }
    }

    /** A region's direction: the basis, which vector, the strength multiples are taken of, and the learning time. */
    public record Direction(Method method, Region region, DirectionBasis basis, int index, double strength,
                            double learnSeconds, boolean learnShared, String powerIterations) {}

    /**
     * Edited images, [rows, 3, H, W] planar in [-1, 1], face-major. Each face is inverted once per run and its
     * reconstruction (the multiple 0) sampled once; {@code seconds} is this call's sampling of the edited rows,
     * {@code inversionSecondsPerFace} what inverting one of its faces took (batched, when it was first needed).
     */
    public record Edited(float[] pixels, int rows, int editedRows, double seconds, double inversionSecondsPerFace) {

        public float[] image(int row) {
            int per = pixels.length / rows;
            float[] out = new float[per];
            System.arraycopy(pixels, row * per, out, 0, per);
            return out;
        }

        /** What applying the direction to one new face costs: its inversion plus sampling one edited image. */
        public double secondsPerEdit() {
            return inversionSecondsPerFace + (editedRows == 0 ? 0 : seconds / editedRows);
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

    /**
     * Per face and region, LOCO's set with the time its region-of-interest stage took: LOCO without projection is
     * its raw vectors ({@link Loco#unprojected}), found by the same computation, so it is not run twice.
     */
    private final Map<String, TimedBasis> locoSets = new HashMap<>();

    private record TimedBasis(DirectionBasis basis, double roiSeconds, String roiIterations) {}

    /** Inversions by image content and level, with what one face's inversion took; reconstructions likewise. */
    private final Map<String, TimedLatent> inversions = new HashMap<>();
    private final Map<String, float[]> reconstructions = new HashMap<>();

    private record TimedLatent(String key, DdimPipeline.Latent latent, double secondsPerFace) {}

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
        return method.space() == DirectionSpace.X_T ? settings.xtStrength() : settings.hStrength();
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
            case LOCO_NO_NULL_SPACE -> {
                TimedBasis loco = locoSets.remove(faceKey + "/" + region.id());
                if (loco == null) {
                    return discoverLoco(method, face, region, image, start, iterations, counter, new double[1]);
                }
                DirectionBasis basis = Loco.unprojected(loco.basis());
                return new Direction(method, region, basis, Math.min(settings.direction(), basis.size() - 1),
                        strength(method), loco.roiSeconds(), false, loco.roiIterations());
            }
            case LOCO, LOCO_EPS, LOCO_EPS_NO_NULL_SPACE -> {
                double[] roiSeconds = new double[1];
                Direction d = discoverLoco(method, face, region, image, start, iterations, counter, roiSeconds);
                if (method == Method.LOCO) {
                    locoSets.put(faceKey + "/" + region.id(), new TimedBasis(d.basis(), roiSeconds[0],
                            "roi " + iterations.getOrDefault("roi", 0)));
                }
                return d;
            }
            case JIVE, HAAS -> {
                String key = method.id() + "/" + faceKey;
                DirectionBasis basis = hSpaceCache.get(key);
                boolean shared = basis != null;
                if (basis == null) {
                    HSpaceDirections hSpace = new HSpaceDirections(model, trajectory, fingerprint);
                    HSpaceDirections.Options options = new HSpaceDirections.Options(settings.timestep(), settings.hRank(),
                            settings.jointRank(), settings.individualRank(), method == Method.JIVE, hMinIterations(),
                            hMaxIterations(), settings.hTolerance(), 100, settings.hRank(), settings.seed());
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
            default -> throw new IllegalArgumentException("the benchmark does not run " + method);
        }
    }

    /** LOCO or a variant on one region; {@code roiSeconds[0]} receives the time up to the end of the region's power method. */
    private Direction discoverLoco(Method method, Face face, Region region, Tensor image, long start,
                                   Map<String, Integer> iterations, StepListener counter, double[] roiSeconds) {
        Loco.Options options = new Loco.Options(settings.timestep(), settings.locoRank(), settings.nullRank(),
                method.nullSpaceProjected(), settings.minIterations(), settings.maxIterations(),
                settings.locoTolerance(), Math.max(settings.locoRank(), settings.nullRank()), settings.seed(),
                method == Method.LOCO_EPS || method == Method.LOCO_EPS_NO_NULL_SPACE ? Loco.Target.NOISE
                        : Loco.Target.POSTERIOR_MEAN);
        StepListener timed = (phase, step, total) -> {
            counter.onStep(phase, step, total);
            if (phase.equals("power-iteration:roi")) {
                roiSeconds[0] = seconds(start);
            }
        };
        DirectionBasis basis = new Loco(model, trajectory, fingerprint)
                .discover(image, maskTensor(face.mask(region)), options, timed);
        return new Direction(method, region, basis, Math.min(settings.direction(), basis.size() - 1),
                strength(method), seconds(start), false, describe(iterations));
    }

    private int hMinIterations() {
        return settings.hIterations() > 0 ? settings.hIterations() : settings.minIterations();
    }

    private int hMaxIterations() {
        return settings.hIterations() > 0 ? settings.hIterations() : settings.maxIterations();
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
        return transfer(direction, List.of(face), multiples);
    }

    /**
     * {@code direction} at each multiple of its strength on every face of {@code faces}, as one batched sampling
     * pass from the faces' inversion: rows are face-major (face f's multiples are rows f * m ... f * m + m - 1).
     * The multiple 0 is each face's reconstruction, the same for every direction, so it is sampled once per face.
     */
    public Edited transfer(Direction direction, List<Face> faces, double[] multiples) {
        double[] edited = java.util.Arrays.stream(multiples).filter(m -> m != 0).toArray();
        double[] strengths = java.util.Arrays.stream(edited).map(m -> m * direction.strength()).toArray();
        List<List<EditPipeline.Term>> rows = EditPipeline.sweep(direction.basis(), direction.index(), strengths);
        // the direction at strength 0: the level to invert to, even when every multiple is 0
        List<List<EditPipeline.Term>> atLevel = EditPipeline.sweep(direction.basis(), direction.index(), new double[] {0});
        long start = System.nanoTime();
        TimedLatent inverted = inversion(faces, atLevel);
        float[] sampled = edited.length == 0 ? new float[0] : sample(inverted.latent(), rows);
        double seconds = seconds(start);

        int per = 3 * faces.get(0).size() * faces.get(0).size();
        float[] pixels = new float[faces.size() * multiples.length * per];
        for (int f = 0; f < faces.size(); f++) {
            int next = 0;
            for (int k = 0; k < multiples.length; k++) {
                float[] image = multiples[k] == 0
                        ? reconstruction(faces.get(f), atLevel)
                        : java.util.Arrays.copyOfRange(sampled, (f * edited.length + next) * per, (f * edited.length + ++next) * per);
                System.arraycopy(image, 0, pixels, (f * multiples.length + k) * per, per);
            }
        }
        return new Edited(pixels, faces.size() * multiples.length, faces.size() * edited.length, seconds,
                inverted.secondsPerFace());
    }

    /** Several directions added at once, each at its full strength: one image. */
    public Edited compose(List<Direction> directions, Face face) {
        List<EditPipeline.Term> row = directions.stream()
                .map(d -> new EditPipeline.Term(d.basis(), d.index(), d.strength())).toList();
        long start = System.nanoTime();
        TimedLatent inverted = inversion(List.of(face), List.of(row));
        float[] pixels = sample(inverted.latent(), List.of(row));
        return new Edited(pixels, 1, 1, seconds(start), inverted.secondsPerFace());
    }

    /** The faces' inversion to the level {@code rows} need, computed the first time it is asked for. */
    private TimedLatent inversion(List<Face> faces, List<List<EditPipeline.Term>> rows) {
        EditPipeline pipeline = new EditPipeline(model, fingerprint, trajectory);
        try (PointerScope scope = new PointerScope()) {
            Tensor images = FaceImages.toTensor(faces.stream().map(Face::image).toList());
            String key = TensorHash.sha256(images) + "@" + pipeline.inversionLevel(rows);
            TimedLatent cached = inversions.get(key);
            if (cached == null) {
                long start = System.nanoTime();
                DdimPipeline.Latent latent = pipeline.invert(images, rows, StepListener.NONE);
                cached = new TimedLatent(key, new DdimPipeline.Latent(Scopes.owned(latent.sample()), latent.timestep()),
                        seconds(start) / faces.size());
                inversions.put(key, cached);
            }
            return cached;
        }
    }

    /** One face sampled back from its inversion with no edit, at the level {@code rows} need. */
    private float[] reconstruction(Face face, List<List<EditPipeline.Term>> rows) {
        TimedLatent inverted = inversion(List.of(face), rows);
        return reconstructions.computeIfAbsent(inverted.key(), k -> sample(inverted.latent(), List.of(List.of())));
    }

    private float[] sample(DdimPipeline.Latent latent, List<List<EditPipeline.Term>> rows) {
        try (PointerScope scope = new PointerScope()) {
            Tensor edited = new EditPipeline(model, fingerprint, trajectory).sample(latent, rows, settings.seed(), StepListener.NONE)
                    .clamp(new ScalarOptional(new Scalar(-1.0)), new ScalarOptional(new Scalar(1.0)));
            return TensorArrays.toFloats(edited);
        }
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
