package dev.locus.engine.training;

import dev.locus.engine.torch.Scopes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * An exponential moving average of the weights, the copy diffusion models are sampled from: it
 * averages out the last steps' noise, which per-step weights carry at any learning rate.
 */
public final class EmaWeights {

    private final double decay;
    private final Map<String, Tensor> weights;

    private EmaWeights(double decay, Map<String, Tensor> weights) {
        this.decay = decay;
        this.weights = Collections.unmodifiableMap(weights);
    }

    /** Starts the average at a copy of {@code parameters}. */
    public static EmaWeights copyOf(Map<String, Tensor> parameters, double decay) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            parameters.forEach((name, p) -> copies.put(name, Scopes.owned(p.detach().clone())));
        }
        return new EmaWeights(decay, copies);
    }

    /** Continues an average saved in a checkpoint; takes ownership of the tensors. */
    public static EmaWeights restore(Map<String, Tensor> saved, double decay) {
        Map<String, Tensor> owned = new LinkedHashMap<>();
        saved.forEach((name, t) -> owned.put(name, Scopes.owned(t)));
        return new EmaWeights(decay, owned);
    }

    /**
     * The decay used after optimiser step {@code step} (0-based): it starts at 0.1 and rises
     * towards {@code decay}, so the average forgets the random initialisation quickly.
     */
    public static double emaDecay(double decay, long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /** The first step at which {@link #emaDecay} reaches {@code decay}: an average this old has finished its warm-up. */
    public static long matureAge(double decay) {
        return (long) Math.ceil((10.0 * decay - 1.0) / (1.0 - decay));
    }

    /** ema = d ema + (1 - d) p, in place, with d = emaDecay(decay, step). */
    public void emaUpdate(Map<String, Tensor> parameters, long step) {
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            Scalar weight = new Scalar(1.0 - emaDecay(decay, step));
            weights.forEach((name, ema) -> ema.lerp_(parameters.get(name), weight));
        }
    }

    /** The averaged weights by canonical name; updated in place by {@link #emaUpdate}. */
    public Map<String, Tensor> weights() {
        return weights;
    }

    public double decay() {
        return decay;
    }
}
