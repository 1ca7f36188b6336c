package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe's readings for a batch of images, one {@link FaceReading} per image in batch order.
 * Probabilities come from the raw outputs by sigmoid (binary) or softmax (categorical); continuous
 * estimates are clamped to [0, 1], since the regression head is not bounded.
 */
public final class ProbeReading {

    private final List<FaceReading> faces;

    private ProbeReading(List<FaceReading> faces) {
        this.faces = List.copyOf(faces);
    }

    /** Readings from raw outputs, {@link ProbeSchema#width()} per image, images one after another. */
    public static ProbeReading fromOutputs(float[] outputs, Plausibility rule) {
        int width = ProbeSchema.width();
        if (outputs.length % width != 0) {
            throw new IllegalArgumentException(outputs.length + " outputs do not split into rows of " + width);
        }
        List<FaceReading> faces = new ArrayList<>();
        for (int row = 0; row < outputs.length / width; row++) {
            List<FactorReading> readings = new ArrayList<>();
            for (ProbeSchema.Slot slot : ProbeSchema.slots()) {
                readings.add(readSlot(slot, outputs, row * width + slot.offset()));
            }
            double score = Plausibility.score(readings);
            faces.add(new FaceReading(readings, score, rule.accepts(score)));
        }
        return new ProbeReading(faces);
    }

    public int size() {
        return faces.size();
    }

    public FaceReading face(int image) {
        return faces.get(image);
    }

    public List<FaceReading> faces() {
        return faces;
    }

    public FactorReading get(int image, Factor factor) {
        return faces.get(image).get(factor);
    }

    /** Per image, whether it reads as a plausible face (see {@link Plausibility}). */
    public boolean[] plausible() {
        boolean[] out = new boolean[faces.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = faces.get(i).plausible();
        }
        return out;
    }

    /** Share of images that read as plausible faces; 0 for an empty batch. */
    public double plausibleRate() {
        return faces.isEmpty() ? 0 : faces.stream().filter(FaceReading::plausible).count() / (double) faces.size();
    }

    private static FactorReading readSlot(ProbeSchema.Slot slot, float[] out, int at) {
        Factor factor = slot.factor();
        if (factor.kind() == FactorKind.CONTINUOUS) {
            return new FactorReading(factor, Math.min(1, Math.max(0, out[at])), Double.NaN, new double[0]);
        }
        if (factor.kind() == FactorKind.BINARY) {
            double p = 1 / (1 + Math.exp(-out[at]));
            return new FactorReading(factor, p, Math.max(p, 1 - p), new double[] {1 - p, p});
        }
        double[] probs = softmax(out, at, slot.width());
        int best = 0;
        for (int c = 1; c < probs.length; c++) {
            if (probs[c] > probs[best]) {
                best = c;
            }
        }
        return new FactorReading(factor, best, probs[best], probs);
    }

    private static double[] softmax(float[] logits, int at, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
            max = Math.max(max, logits[at + c]);
        }
        double[] p = new double[width];
        double sum = 0;
        for (int c = 0; c < width; c++) {
            p[c] = Math.exp(logits[at + c] - max); // shifted by the max so exp cannot overflow
            sum += p[c];
        }
        for (int c = 0; c < width; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
