package dev.locus.engine.pipelines;

import static org.bytedeco.pytorch.global.torch.ScalarType.Float;
import static org.bytedeco.pytorch.global.torch.ScalarType.Long;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.schedulers.DdimStep;
import dev.locus.engine.schedulers.DdimUpdate;
import dev.locus.engine.torch.Randomness;
import dev.locus.engine.torch.Scopes;
import java.util.List;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Runs a list of DDIM steps on a batch: the common loop of sampling and inversion. */
public final class DdimLoop {

    private DdimLoop() {}

    /**
     * @param generator noise for stochastic (eta > 0) steps; may be null if none is
     * @param phase     name reported to the listener ("sampling", "inverting")
     */
    public static Tensor run(Denoiser model, Tensor x, List<DdimStep> steps, DdimUpdate update,
                             Generator generator, String phase, StepListener listener) {
        return run(model, x, steps, update, generator == null ? null : shape -> Randomness.randn(generator, shape),
                phase, listener, StepHook.NONE);
    }

    /**
     * The loop every sampling, inversion and edit runs: for each step, the hook's sample and model, eps_theta, and
     * the DDIM update to the next level.
     *
     * @param noise noise for stochastic (eta > 0) steps; may be null if none is
     * @return a new tensor; {@code x} is left as it was
     */
    public static Tensor run(Denoiser model, Tensor x, List<DdimStep> steps, DdimUpdate update, DdimUpdate.Noise noise,
                             String phase, StepListener listener, StepHook hook) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor sample = x;
            for (int i = 0; i < steps.size(); i++) {
                DdimStep step = steps.get(i);
                Tensor current = sample;
                Tensor next = Scopes.compute(() -> {
                    Tensor input = hook.sampleAt(step, current);
                    Tensor eps = hook.denoiserAt(step, model, input).predictNoise(input, timesteps(step, input));
                    return update.applyWithNoise(input, eps, step.alphaFrom(), step.alphaTo(), step.eta(), noise).sample();
                });
                if (current != x) {
                    current.close();
                }
                sample = next;
                listener.onStep(phase, i + 1, steps.size());
            }
            return sample == x ? x.clone() : sample;
        }
    }

    /** The model's timestep input for {@code step}, one per batch element. */
    public static Tensor timesteps(DdimStep step, Tensor sample) {
        long batch = sample.size(0);
        Tensor t = step.fractional()
                ? torch.full(new long[] {batch}, new org.bytedeco.pytorch.Scalar(step.timestep()),
                        new org.bytedeco.pytorch.TensorOptions(Float))
                : torch.full(new long[] {batch}, new org.bytedeco.pytorch.Scalar((long) step.timestep()),
                        new org.bytedeco.pytorch.TensorOptions(Long));
        return t.to(sample.device(), t.scalar_type());
    }
}
