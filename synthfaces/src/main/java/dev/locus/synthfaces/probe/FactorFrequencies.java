package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How often the probe reads each class of each factor over a set of images, compared with how often the
 * generator draws them: for a diffusion model trained on generated faces, a factor whose classes come out
 * in the wrong proportions shows as a large total variation distance.
 *
 * <p>Binary and categorical factors are tallied by the class read; continuous ones by which of
 * {@link #CONTINUOUS_BINS} equal bins of the normalised range the reading falls in. The generator draws
 * every factor uniformly (categorical classes, glasses yes/no, continuous values over their range), so the
 * expected frequencies are uniform. The probe's own errors skew its tallies a little even on real faces
 * (continuous readings are pulled towards the middle where a feature is hard to see); to factor that out,
 * compare with the tallies of real generated faces via {@link #totalVariationFrom(FactorFrequencies)}.
 */
public final class FactorFrequencies {

    public static final int CONTINUOUS_BINS = 5;

    private final Map<Factor, long[]> counts = new EnumMap<>(Factor.class);
    private long total;

    public FactorFrequencies() {
        for (Factor f : Factor.values()) {
            counts.put(f, new long[bins(f)]);
        }
    }

    /** The tallies of every image in {@code readings}. */
    public static FactorFrequencies of(Iterable<FaceReading> readings) {
        FactorFrequencies frequencies = new FactorFrequencies();
        readings.forEach(frequencies::add);
        return frequencies;
    }

    public void add(FaceReading reading) {
        for (FactorReading r : reading.factors()) {
            counts.get(r.factor())[bin(r)]++;
        }
        total++;
    }

    public long total() {
        return total;
    }

    /** Observed share of each class (or bin) of {@code factor}. */
    public double[] observed(Factor factor) {
        long[] c = counts.get(factor);
        double[] p = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            p[i] = total == 0 ? 0 : c[i] / (double) total;
        }
        return p;
    }

    /** The generator's share of each class (or bin) of {@code factor}: uniform. */
    public static double[] expected(Factor factor) {
        double[] p = new double[bins(factor)];
        Arrays.fill(p, 1.0 / p.length);
        return p;
    }

    /** Total variation distance, half the L1 distance, between observed and generator frequencies. */
    public double totalVariation(Factor factor) {
        return distance(observed(factor), expected(factor));
    }

    /** Total variation distance between these tallies and {@code reference}'s (e.g. of real faces). */
    public double totalVariationFrom(FactorFrequencies reference, Factor factor) {
        return distance(observed(factor), reference.observed(factor));
    }

    /** Per factor, the distance from the generator's frequencies. */
    public Map<Factor, Double> totalVariations() {
        Map<Factor, Double> out = new EnumMap<>(Factor.class);
        for (Factor f : Factor.values()) {
            out.put(f, totalVariation(f));
        }
        return out;
    }

    /**
     * The distance expected from sampling alone when {@code n} images come from the generator's
     * distribution itself, E[TV] ~ sum_i sqrt(p_i (1 - p_i) / (2 pi n)) (normal approximation): a
     * yardstick for what counts as large.
     */
    public static double samplingNoise(Factor factor, long n) {
        double sum = 0;
        for (double p : expected(factor)) {
            sum += Math.sqrt(p * (1 - p) / (2 * Math.PI * n));
        }
        return sum;
    }

    /** Observed and expected shares and the distance per factor, as a Markdown table. */
    public String table() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%d images%n%n| factor | observed | expected | TV distance | sampling noise |%n"
                        + "| --- | --- | --- | --- | --- |%n", total));
        for (Factor f : Factor.values()) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f |%n", f.id(), shares(observed(f)),
                    shares(expected(f)), totalVariation(f), samplingNoise(f, Math.max(1, total))));
        }
        return s.toString();
    }

    private static int bins(Factor f) {
        return f.kind() == FactorKind.CONTINUOUS ? CONTINUOUS_BINS : f.classCount();
    }

    private static int bin(FactorReading r) {
        if (r.factor().kind() != FactorKind.CONTINUOUS) {
            return r.classIndex();
        }
        return Math.min(CONTINUOUS_BINS - 1, (int) (r.value() * CONTINUOUS_BINS)); // value 1.0 in the top bin
    }

    private static double distance(double[] p, double[] q) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - q[i]);
        }
        return sum / 2;
    }

    private static String shares(double[] p) {
        StringBuilder s = new StringBuilder();
        for (double v : p) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return s.toString();
    }
}
