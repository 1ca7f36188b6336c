package dev.locus.synthfaces.bench;

import dev.locus.engine.api.Method;
import dev.locus.synthfaces.Face;
import dev.locus.synthfaces.FaceGenerator;
import dev.locus.synthfaces.Region;
import dev.locus.synthfaces.bench.MethodRunner.Direction;
import dev.locus.synthfaces.bench.MethodRunner.Edited;
import dev.locus.synthfaces.probe.FaceImages;
import dev.locus.synthfaces.probe.FaceReading;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.ProbeReading;
import dev.locus.synthfaces.probe.Seeds;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * The benchmark loop: for every method, source face and region, discover a direction, sweep it on the source,
 * apply it at -1, 0, +1 times its strength to every transfer face, compose it with the next region's direction
 * (regions in a ring: with R >= 3 regions R pairs, with 2 regions one pair),
 * and measure everything with {@link EditMetrics} and {@link ProbeJudge}. Faces are the generator's, from the
 * seeds {@link #sourceSeed} and {@link #transferSeed} (a range of their own, disjoint from the probe's), so a
 * seed fixes every input.
 */
public final class EditBench {

    /** Multiples of the strength for the source sweep (linearity); the figure and judge use -1, 0, +1. */
    public static final double[] SWEEP = {-1, -0.5, 0, 0.5, 1};
    /** Multiples applied to transfer faces. */
    public static final double[] TRANSFER = {-1, 0, 1};

    /** Per-image metrics of one edit (one face, one signed strength). */
    public record EditRow(Method method, Region region, long sourceSeed, String role, long faceSeed, double multiple,
                          double strength, double roir, double roirPerPixel, double psnrOutside, double ssimOutside,
                          double reconstructionPsnr, String movedFactor, double movedChange, String largestOtherFactor,
                          double largestOtherChange, boolean success, double regionOverlap) {}

    /** Per-direction results. */
    public record DirectionRow(Method method, Region region, long sourceSeed, String label, double strength,
                               double learnSeconds, boolean learnShared, String powerIterations, double sourceSweepSeconds,
                               double transferEditSeconds, double linearityR2, String composedWith, Boolean composedSuccess) {}

    /** Images kept for the figures: -1, 0, +1 on the first source face and the first transfer face. */
    public record FigureImages(Method method, Region region, float[] source, float[] transfer) {}

    public record Results(List<EditRow> edits, List<DirectionRow> directions, List<FigureImages> figures,
                          double wallSeconds) {}

    public record Plan(List<Method> methods, List<Region> regions, int sources, int transfers, long seed) {}

    private final MethodRunner runner;
    private final FactorProbe probe;
    private final ProbeJudge judge;
    private final int size;

    public EditBench(MethodRunner runner, FactorProbe probe, ProbeJudge judge, int size) {
        this.runner = runner;
        this.probe = probe;
        this.judge = judge;
        this.size = size;
    }

    public static long sourceSeed(long seed, int i) {
        return Seeds.BENCH + seed * 1_000_000L + i;
    }

    public static long transferSeed(long seed, int j) {
        return Seeds.BENCH + seed * 1_000_000L + 500_000L + j;
    }

    public Results run(Plan plan, PrintWriter log) {
        long start = System.nanoTime();
        List<EditRow> edits = new ArrayList<>();
        List<DirectionRow> directions = new ArrayList<>();
        List<FigureImages> figures = new ArrayList<>();
        List<Face> transfers = new ArrayList<>();
        List<FaceReading> transferSourceReadings = new ArrayList<>();
        for (int j = 0; j < plan.transfers(); j++) {
            transfers.add(FaceGenerator.generate(transferSeed(plan.seed(), j), size));
        }
        for (Method method : plan.methods()) {
            for (int i = 0; i < plan.sources(); i++) {
                long seed = sourceSeed(plan.seed(), i);
                Face source = FaceGenerator.generate(seed, size);
                String faceKey = Long.toString(seed);
                Map<Region, Direction> found = new LinkedHashMap<>();
                Map<Region, ProbeJudge.Movement> moved = new LinkedHashMap<>();
                Map<Region, DirectionRow> rows = new LinkedHashMap<>();
                FaceReading sourceZero = null;
                for (Region region : plan.regions()) {
                    Direction d = runner.discover(method, source, faceKey, region);
                    found.put(region, d);
                    Edited sweep = runner.sweep(d, source, SWEEP);
                    ProbeReading sweepRead = read(sweep);
                    int zero = indexOf(SWEEP, 0);
                    sourceZero = sweepRead.face(zero);
                    double[] multiples = SWEEP;
                    boolean[] mask = source.mask(region).toArray();
                    float[] original = sweep.image(zero);
                    float[] pixels = pixels(source);
                    Map<Double, ProbeJudge.Movement> bySign = new LinkedHashMap<>();
                    for (int k = 0; k < multiples.length; k++) {
                        if (Math.abs(multiples[k]) != 1) {
                            continue;
                        }
                        ProbeJudge.LocalVerdict verdict = judge.local(region, sourceZero, sweepRead.face(k));
                        bySign.put(multiples[k], verdict.moved());
                        edits.add(row(method, region, seed, "source", seed, multiples[k], d, original, sweep.image(k),
                                mask, EditMetrics.psnr(pixels, original), verdict.moved(), verdict.largestOther(),
                                verdict.success(), 1.0));
                    }
                    ProbeJudge.Movement plus = bySign.get(1.0);
                    moved.put(region, plus);
                    double[] strengths = new double[multiples.length];
                    double[] responses = new double[multiples.length];
                    for (int k = 0; k < multiples.length; k++) {
                        strengths[k] = multiples[k] * d.strength();
                        responses[k] = ProbeJudge.response(plus, sourceZero, sweepRead.face(k));
                    }
                    double r2 = ProbeJudge.rSquared(strengths, responses);

                    // all transfer faces in one batched pass; the time is one face's inversion plus one edited image
                    double transferSeconds = 0;
                    float[] firstTransfer = null;
                    if (!transfers.isEmpty()) {
                        Edited applied = runner.transfer(d, transfers, TRANSFER);
                        transferSeconds = applied.secondsPerEdit();
                        firstTransfer = rowsOf(applied, 0, TRANSFER.length);
                        ProbeReading read = read(applied);
                        for (int j = 0; j < transfers.size(); j++) {
                            Face target = transfers.get(j);
                            int first = j * TRANSFER.length;
                            int tz = first + indexOf(TRANSFER, 0);
                            float[] targetPixels = pixels(target);
                            boolean[] targetMask = target.mask(region).toArray();
                            double overlap = EditMetrics.maskOverlap(mask, targetMask);
                            for (int k = 0; k < TRANSFER.length; k++) {
                                if (TRANSFER[k] == 0) {
                                    continue;
                                }
                                ProbeJudge.Movement reference = bySign.get(TRANSFER[k]);
                                ProbeJudge.Movement observed = ProbeJudge.movement(read.face(tz).get(reference.factor()),
                                        read.face(first + k).get(reference.factor()));
                                ProbeJudge.LocalVerdict local = judge.local(region, read.face(tz), read.face(first + k));
                                edits.add(row(method, region, seed, "transfer", transferSeed(plan.seed(), j), TRANSFER[k], d,
                                        applied.image(tz), applied.image(first + k), targetMask,
                                        EditMetrics.psnr(targetPixels, applied.image(tz)), observed, local.largestOther(),
                                        judge.transfer(reference, read.face(tz), read.face(first + k)), overlap));
                            }
                        }
                    }
                    if (i == 0) {
                        figures.add(new FigureImages(method, region, select(sweep, multiples), firstTransfer));
                    }
                    rows.put(region, new DirectionRow(method, region, seed, d.basis().labels().get(d.index()), d.strength(),
                            d.learnSeconds(), d.learnShared(), d.powerIterations(), sweep.seconds(),
                            transfers.isEmpty() ? Double.NaN : transferSeconds, r2, null, null));
                    log.printf(Locale.ROOT, "%s %s source %d: learn %.1f s%s (power iterations: %s), sweep %.1f s, "
                                    + "transfer edit %.2f s per face and image, R^2 %.3f%n", method.id(), region.id(), seed,
                            d.learnSeconds(), d.learnShared() ? " (shared)" : "", d.powerIterations(), sweep.seconds(),
                            transfers.isEmpty() ? Double.NaN : transferSeconds, r2);
                    log.flush();
                }
                List<Region> regions = plan.regions();
                for (int r = 0; r < regions.size(); r++) {
                    Region a = regions.get(r);
                    DirectionRow base = rows.get(a);
                    if (regions.size() < 2 || (regions.size() == 2 && r == 1)) {
                        // one region has no pair; two regions have one pair, composed once
                        directions.add(base);
                        continue;
                    }
                    Region b = regions.get((r + 1) % regions.size());
                    Edited both = runner.compose(List.of(found.get(a), found.get(b)), source);
                    boolean ok = judge.composed(moved.get(a), moved.get(b), sourceZero, read(both).face(0));
                    directions.add(new DirectionRow(base.method(), a, base.sourceSeed(), base.label(), base.strength(),
                            base.learnSeconds(), base.learnShared(), base.powerIterations(), base.sourceSweepSeconds(),
                            base.transferEditSeconds(),
                            base.linearityR2(), b.id(), ok));
                }
                runner.forget(faceKey);
            }
        }
        return new Results(edits, directions, figures, (System.nanoTime() - start) / 1e9);
    }

    private EditRow row(Method method, Region region, long sourceSeed, String role, long faceSeed, double multiple,
                        Direction d, float[] original, float[] edited, boolean[] mask, double reconstructionPsnr,
                        ProbeJudge.Movement movedOrObserved, ProbeJudge.Movement other, boolean success,
                        double regionOverlap) {
        return new EditRow(method, region, sourceSeed, role, faceSeed, multiple, multiple * d.strength(),
                EditMetrics.roir(original, edited, mask), EditMetrics.roirPerPixel(original, edited, mask),
                EditMetrics.psnrOutside(original, edited, mask), EditMetrics.ssimOutside(original, edited, mask, size, size),
                reconstructionPsnr, movedOrObserved.factor().id(), movedOrObserved.magnitude(), other.factor().id(),
                other.magnitude(), success, regionOverlap);
    }

    private ProbeReading read(Edited edited) {
        try (PointerScope scope = new PointerScope()) {
            return probe.read(Tensor.create(edited.pixels(), edited.rows(), 3, size, size));
        }
    }

    private static float[] pixels(Face face) {
        float[] out = new float[3 * face.size() * face.size()];
        FaceImages.toSigned(face.image(), out, 0);
        return out;
    }

    /** Rows {@code from} ... {@code from + count - 1} of an edit, concatenated. */
    private static float[] rowsOf(Edited edited, int from, int count) {
        int per = edited.pixels().length / edited.rows();
        float[] out = new float[count * per];
        System.arraycopy(edited.pixels(), from * per, out, 0, count * per);
        return out;
    }

    /** Rows -1, 0, +1 of a sweep, concatenated. */
    private static float[] select(Edited sweep, double[] multiples) {
        int per = sweep.pixels().length / sweep.rows();
        float[] out = new float[3 * per];
        double[] wanted = {-1, 0, 1};
        for (int w = 0; w < 3; w++) {
            System.arraycopy(sweep.pixels(), indexOf(multiples, wanted[w]) * per, out, w * per, per);
        }
        return out;
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException(v + " not in the sweep");
    }
}
