package dev.locus.synthfaces.modelcard;

import dev.locus.synthfaces.probe.FaceReading;
import dev.locus.synthfaces.probe.FactorFrequencies;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.Plausibility;
import dev.locus.synthfaces.probe.ProbeReading;
import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * What the factor probe makes of a stream of images: how many read as plausible faces (by the probe's own
 * {@link Plausibility} rule and calibrated threshold) and how often each class of each factor is read
 * ({@link FactorFrequencies}). Images are added batch by batch, so a thousand samples never sit in memory
 * as tensors at once.
 */
public final class SampleEvaluation {

    /** Images per probe call: bounds the probe's activations (about 0.4 MB an image at 32x32). */
    static final int CHUNK = 100;
    private static final int S = FactorProbe.INPUT_SIZE;
    static final int PER_IMAGE = 3 * S * S;

    private final FactorProbe probe;
    private final FactorFrequencies frequencies = new FactorFrequencies();
    private long count;
    private long plausible;
    private double scoreSum;

    public SampleEvaluation(FactorProbe probe) {
        if (!probe.plausibility().isCalibrated()) {
            throw new IllegalArgumentException("the probe has no calibrated plausibility threshold; use trained "
                    + "probe weights (probe-train writes one)");
        }
        this.probe = probe;
    }

    /**
     * Reads images given as planar [B, 3, 32, 32] floats in [-1, 1] (values outside are clamped first, as
     * writing them to a PNG would).
     */
    public void add(float[] pixels) {
        if (pixels.length % PER_IMAGE != 0) {
            throw new IllegalArgumentException(pixels.length + " values are not a whole number of 3x" + S + "x" + S
                    + " images");
        }
        int images = pixels.length / PER_IMAGE;
        for (int start = 0; start < images; start += CHUNK) {
            int n = Math.min(CHUNK, images - start);
            float[] part = Arrays.copyOfRange(pixels, start * PER_IMAGE, (start + n) * PER_IMAGE);
            for (int i = 0; i < part.length; i++) {
                part[i] = Math.max(-1f, Math.min(1f, part[i])); // also turns NaN into -1: a broken image fails
            }
            ProbeReading reading;
            try (PointerScope scope = new PointerScope()) {
                reading = probe.read(Tensor.create(part, n, 3, S, S));
            }
            for (FaceReading face : reading.faces()) {
                frequencies.add(face);
                scoreSum += face.plausibility();
                if (face.plausible()) {
                    plausible++;
                }
                count++;
            }
        }
    }

    /** Images read so far. */
    public long count() {
        return count;
    }

    /** Images that read as plausible faces. */
    public long plausibleCount() {
        return plausible;
    }

    /** Share of images that read as plausible faces, in [0, 1]; 0 before any. */
    public double plausibleRate() {
        return count == 0 ? 0 : plausible / (double) count;
    }

    /** Mean plausibility score (mean confidence over the binary and categorical factors); NaN before any. */
    public double meanScore() {
        return count == 0 ? Double.NaN : scoreSum / count;
    }

    /** The tallies of the factors read; live, they grow with {@link #add}. */
    public FactorFrequencies frequencies() {
        return frequencies;
    }

    public Plausibility rule() {
        return probe.plausibility();
    }

    /** The rule in words with its threshold, for reports. */
    public String ruleText() {
        return String.format(java.util.Locale.ROOT, "a sample is a plausible face when its score, the %s "
                + "(confidence = largest class probability), is at least the probe's calibrated threshold %.4f",
                Plausibility.RULE, rule().threshold());
    }
}
