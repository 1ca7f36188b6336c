package dev.locus.synthfaces.probe;

import dev.locus.engine.torch.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * AdamW (Loshchilov and Hutter, decoupled weight decay) written with tensor ops, so that its moments are
 * plain named tensors a checkpoint can save and a resumed run can load. libtorch's own optimizer keeps
 * them behind an API that javacpp does not serialise.
 *
 * <p>Weight decay applies to convolution and linear weights only; decaying norm gains and biases towards
 * zero only fights the normalisation.
 */
public final class TensorAdamW {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final Map<String, Tensor> parameters;
    private final double weightDecay;
    private final Map<String, Tensor> firstMoments = new LinkedHashMap<>();
    private final Map<String, Tensor> secondMoments = new LinkedHashMap<>();
    private long steps;

    /** Turns on gradients for every tensor in {@code parameters}; the optimizer updates them in place. */
    public TensorAdamW(Map<String, Tensor> parameters, double weightDecay) {
        this.parameters = parameters;
        this.weightDecay = weightDecay;
        parameters.forEach((name, p) -> {
            p.requires_grad_(true);
            firstMoments.put(name, Scopes.owned(torch.zeros_like(p)));
            secondMoments.put(name, Scopes.owned(torch.zeros_like(p)));
        });
    }

    /** One update from the gradients left by {@code backward()}, then clears them. */
    public void step(double learningRate) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            for (var entry : parameters.entrySet()) {
                Tensor p = entry.getValue();
                Tensor g = p.grad();
                if (!g.defined()) {
                    continue; // a head no loss term reached; nothing to learn from
                }
                Tensor m = firstMoments.get(entry.getKey());
                Tensor v = secondMoments.get(entry.getKey());
                m.mul_(new Scalar(BETA1)).add_(g, new Scalar(1 - BETA1));
                v.mul_(new Scalar(BETA2)).addcmul_(g, g, new Scalar(1 - BETA2));
                if (p.dim() >= 2) {
                    p.mul_(new Scalar(1 - learningRate * weightDecay));
                }
                Tensor denominator = v.div(new Scalar(correction2)).sqrt().add(new Scalar(EPS));
                p.addcdiv_(m, denominator, new Scalar(-learningRate / correction1));
                g.zero_();
            }
        }
    }

    /** Updates done so far, including those before a resume. */
    public long steps() {
        return steps;
    }

    /** The moments by name, {@code adam.m.<param>} and {@code adam.v.<param>}, for a checkpoint. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        firstMoments.forEach((name, t) -> state.put("adam.m." + name, t));
        secondMoments.forEach((name, t) -> state.put("adam.v." + name, t));
        return state;
    }

    /** Restores moments saved by {@link #state()} and the step count they belong to. */
    public void restore(Map<String, Tensor> state, long stepsDone) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (String name : parameters.keySet()) {
                copyInto(firstMoments.get(name), state, "adam.m." + name);
                copyInto(secondMoments.get(name), state, "adam.v." + name);
            }
        }
        this.steps = stepsDone;
    }

    private static void copyInto(Tensor target, Map<String, Tensor> state, String name) {
        Tensor saved = state.get(name);
        if (saved == null) {
            throw new IllegalArgumentException("checkpoint has no optimizer tensor " + name);
        }
        target.copy_(saved);
    }
}
