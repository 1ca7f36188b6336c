package dev.locus.engine.pipelines;

import static org.bytedeco.pytorch.global.torch.ScalarType.Float;
import static org.bytedeco.pytorch.global.torch.ScalarType.Long;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.schedulers.DdimStep;
import dev.locus.engine.schedulers.DdimUpdate;
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
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor sample = x;
            for (int i = 0; i < steps.size(); i++) {
                DdimStep step = steps.get(i);
                Tensor current = sample;
                Tensor next = Scopes.compute(() -> {
                    Tensor eps = model.predictNoise(current, timesteps(step, current));
                    return update.apply(current, eps, step.alphaFrom(), step.alphaTo(), step.eta(), generator).sample();
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
