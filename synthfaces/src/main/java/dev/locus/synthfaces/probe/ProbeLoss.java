package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.FaceFactors;
import dev.locus.synthfaces.Factor;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The training loss: binary cross-entropy per binary factor, cross-entropy per categorical factor and
 * mean squared error per continuous factor (on values normalised to [0, 1]), summed with weights; plus,
 * for outlier images ({@link OutlierImages}), cross-entropy of every discrete head against the uniform
 * distribution, which teaches the probe to be unsure on non-faces.
 */
public final class ProbeLoss {

    /**
     * MSE on [0, 1] targets starts near 1/12 (the variance of a uniform factor) and must fall by more than
     * ten times for useful readings, while a cross-entropy starts near ln(classes); weighting it up keeps
     * the continuous heads from being drowned out by the discrete ones.
     */
    static final double CONTINUOUS_WEIGHT = 10;

    /** Outlier-exposure weight; Hendrycks et al. found 0.5 works across image classifiers. */
    static final double OUTLIER_WEIGHT = 0.5;

    /** The parts of one batch's loss; each a scalar tensor in the caller's scope. */
    public record Terms(Tensor total, Tensor discrete, Tensor continuous, Tensor outlier) {}

    private ProbeLoss() {}

    /** As {@link #of(Tensor, List, Map)} with every factor weighted 1. */
    public static Terms of(Tensor outputs, List<FaceFactors> factors) {
        return of(outputs, factors, Map.of());
    }

    /**
     * Loss of raw outputs [B + K, width]: the first B rows against the factors that made the faces, the
     * last K (outliers, possibly none) against uniform class distributions.
     *
     * @param weights extra weight of some factors' terms (absent: 1), for a factor that is slow to learn
     */
    public static Terms of(Tensor outputs, List<FaceFactors> factors, Map<Factor, Double> weights) {
        int faces = factors.size();
        long outliers = outputs.size(0) - faces;
        Terms faceTerms = ofFaces(outputs.narrow(0, 0, faces), factors, weights);
        Tensor outlier = outliers > 0 ? uniformTarget(outputs.narrow(0, faces, outliers)) : torch.zeros(1).squeeze();
        Tensor total = faceTerms.total().add(outlier.mul(new Scalar(OUTLIER_WEIGHT)));
        return new Terms(total, faceTerms.discrete(), faceTerms.continuous(), outlier);
    }

    /** Cross-entropy of each discrete head against the uniform distribution, summed over factors. */
    static Tensor uniformTarget(Tensor outputs) {
        Tensor loss = torch.zeros(1).squeeze();
        for (ProbeSchema.Slot slot : ProbeSchema.slots()) {
            Tensor out = outputs.narrow(1, slot.offset(), slot.width());
            switch (slot.factor().kind()) {
                case BINARY -> loss = loss.add(torch.binary_cross_entropy_with_logits(out,
                        torch.full_like(out, new Scalar(0.5))));
                case CATEGORICAL -> loss = loss.add(torch.log_softmax(out, 1).mean().neg());
                case CONTINUOUS -> { } // nothing is right or wrong about a non-face's eye openness
            }
        }
        return loss;
    }

    private static Terms ofFaces(Tensor outputs, List<FaceFactors> factors, Map<Factor, Double> weights) {
        int n = factors.size();
        Tensor discrete = torch.zeros(1).squeeze();
        Tensor continuous = torch.zeros(1).squeeze();
        for (ProbeSchema.Slot slot : ProbeSchema.slots()) {
            Factor factor = slot.factor();
            Tensor out = outputs.narrow(1, slot.offset(), slot.width());
            Scalar weight = new Scalar(weights.getOrDefault(factor, 1.0));
            switch (factor.kind()) {
                case BINARY -> discrete = discrete.add(torch.binary_cross_entropy_with_logits(
                        out.squeeze(1), Tensor.create(targets(factor, factors, false), n)).mul(weight));
                case CATEGORICAL -> discrete = discrete.add(
                        torch.cross_entropy(out, classIndices(factor, factors)).mul(weight));
                case CONTINUOUS -> continuous = continuous.add(torch.mse_loss(
                        out.squeeze(1), Tensor.create(targets(factor, factors, true), n)).mul(weight));
            }
        }
        Tensor total = discrete.add(continuous.mul(new Scalar(CONTINUOUS_WEIGHT)));
        return new Terms(total, discrete, continuous, null);
    }

    /** Float targets: 0/1 for a binary factor, the normalised value for a continuous one. */
    private static float[] targets(Factor factor, List<FaceFactors> factors, boolean normalise) {
        float[] t = new float[factors.size()];
        for (int i = 0; i < t.length; i++) {
            double raw = factor.get(factors.get(i));
            t[i] = (float) (normalise ? factor.normalize(raw) : raw);
        }
        return t;
    }

    private static Tensor classIndices(Factor factor, List<FaceFactors> factors) {
        long[] t = new long[factors.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (long) factor.get(factors.get(i));
        }
        return Tensor.create(t, t.length);
    }
}
