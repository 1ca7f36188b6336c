package dev.locus.engine.schedulers;

import dev.locus.engine.schedulers.SchedulerConfig.PredictionType;
import dev.locus.engine.torch.Randomness;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import dev.locus.engine.torch.Scopes;

/**
 * The DDIM update x_from -> x_to given the model output, as diffusers' DDIMScheduler.step and
 * DDIMInverseScheduler.step compute it: equation (12) of Song et al., "Denoising Diffusion Implicit Models"
 * (2021), with alpha their cumulative product (diffusers' alphas_cumprod),
 *
 * <pre>
 *   x_to = sqrt(alpha_to) * x0_pred  +  sqrt(1 - alpha_to - sigma^2) * eps  +  sigma * z,
 *   x0_pred = (x_from - sqrt(1 - alpha_from) * eps) / sqrt(alpha_from),
 * </pre>
 *
 * and sigma from equation (16), {@code sigma = eta * sqrt((1 - alpha_to) / (1 - alpha_from)) * sqrt(1 - alpha_from
 * / alpha_to)}: eta 0 is the deterministic DDIM, eta 1 DDPM's posterior. Inversion runs the same update towards a
 * noisier level. Scalar coefficients are rounded to float32 exactly where diffusers computes them on float32 0-dim
 * tensors.
 */
public final class DdimUpdate {

    /** prev_sample and the clean-image estimate it was built from. */
    public record Result(Tensor sample, Tensor predOriginal, Tensor predEpsilon) {}

    private final PredictionType predictionType;
    private final boolean clipSample;
    private final double clipSampleRange;
    private final boolean thresholding;
    private final double thresholdRatio;
    private final double sampleMaxValue;

    public DdimUpdate(SchedulerConfig config) {
        this.predictionType = config.predictionType();
        this.clipSample = config.clipSample();
        this.clipSampleRange = config.clipSampleRange();
        this.thresholding = config.thresholding();
        this.thresholdRatio = config.dynamicThresholdingRatio();
        this.sampleMaxValue = config.sampleMaxValue();
    }

    /** Where the noise of a stochastic step comes from: a tensor of the given shape, standard normal. */
    @FunctionalInterface
    public interface Noise {
        Tensor draw(long[] shape);
    }

    /** @param generator noise source for eta > 0 (may be null when eta is 0) */
    public Result apply(Tensor sample, Tensor modelOutput, float alphaFrom, float alphaTo, double eta, Generator generator) {
        return applyWithNoise(sample, modelOutput, alphaFrom, alphaTo, eta,
                generator == null ? null : shape -> Randomness.randn(generator, shape));
    }

    /** @param noise noise source for eta > 0 (may be null when eta is 0) */
    public Result applyWithNoise(Tensor sample, Tensor modelOutput, float alphaFrom, float alphaTo, double eta,
                                 Noise noise) {
        Tensor[] out = Scopes.computeAll(() -> {
            float betaFrom = 1f - alphaFrom;
            float sqrtAlphaFrom = (float) Math.sqrt(alphaFrom);
            float sqrtBetaFrom = (float) Math.sqrt(betaFrom);

            // x0_pred of (12), from whichever quantity the model predicts
            Tensor predOriginal;
            final Tensor predEpsilon;
            switch (predictionType) {
                case EPSILON -> {
                    predOriginal = sample.sub(modelOutput.mul(new Scalar(sqrtBetaFrom))).div(new Scalar(sqrtAlphaFrom));
                    predEpsilon = modelOutput;
                }
                case SAMPLE -> {
                    predOriginal = modelOutput;
                    predEpsilon = sample.sub(predOriginal.mul(new Scalar(sqrtAlphaFrom))).div(new Scalar(sqrtBetaFrom));
                }
                case V_PREDICTION -> {
                    predOriginal = sample.mul(new Scalar(sqrtAlphaFrom)).sub(modelOutput.mul(new Scalar(sqrtBetaFrom)));
                    predEpsilon = modelOutput.mul(new Scalar(sqrtAlphaFrom)).add(sample.mul(new Scalar(sqrtBetaFrom)));
                }
                default -> throw new IllegalStateException();
            }
            if (thresholding) {
                predOriginal = dynamicThreshold(predOriginal);
            } else if (clipSample) {
                predOriginal = predOriginal.clamp(new ScalarOptional(new Scalar(-clipSampleRange)),
                        new ScalarOptional(new Scalar(clipSampleRange)));
            }

            float std = 0f; // sigma of (16)
            if (eta > 0) {
                float variance = ((1f - alphaTo) / betaFrom) * (1f - alphaFrom / alphaTo);
                std = (float) eta * (float) Math.sqrt(variance);
            }
            // (12): "the direction pointing to x_t", then the predicted x_0 scaled to the new level
            float direction = (float) Math.sqrt(1f - alphaTo - std * std);
            Tensor next = predOriginal.mul(new Scalar((float) Math.sqrt(alphaTo)))
                    .add(predEpsilon.mul(new Scalar(direction)));
            if (std > 0) {
                if (noise == null) {
                    throw new IllegalArgumentException("eta > 0 needs a seeded generator");
                }
                Tensor z = noise.draw(modelOutput.shape()).to(modelOutput.device(), modelOutput.scalar_type());
                next = next.add(z.mul(new Scalar(std)));
            }
            return new Tensor[] {next, predOriginal, predEpsilon};
        });
        return new Result(out[0], out[1], out[2]);
    }

    /** Saharia et al.'s dynamic thresholding: clamp to the per-sample quantile s, divide by s. */
    private Tensor dynamicThreshold(Tensor x) {
        long batch = x.size(0);
        Tensor flat = x.to(torch.ScalarType.Float).reshape(batch, -1);
        Tensor q = torch.quantile(flat.abs(), Tensor.create(new float[] {(float) thresholdRatio}).to(flat.device(), torch.ScalarType.Float),
                new org.bytedeco.pytorch.LongOptional(1), false, new org.bytedeco.javacpp.BytePointer("linear"));
        Tensor s = q.reshape(batch).clamp(new ScalarOptional(new Scalar(1.0)), new ScalarOptional(new Scalar(sampleMaxValue)))
                .unsqueeze(1);
        Tensor clamped = torch.clamp(flat, new org.bytedeco.pytorch.TensorOptional(s.neg()),
                new org.bytedeco.pytorch.TensorOptional(s)).div(s);
        return clamped.reshape(x.shape()).to(x.scalar_type());
    }
}
