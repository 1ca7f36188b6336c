package dev.locus.engine.methods;

import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.models.analytic.LowRankGaussianMixture;
import dev.locus.engine.schedulers.BetaSchedules;
import dev.locus.engine.schedulers.NoiseSchedule;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.Randomness;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * A mixture of two low-rank Gaussians on 1x8x8 images, one living in the top half and one in the
 * bottom half: the LOCO paper's setting where local directions exist and are known.
 */
final class AnalyticSetup {

    static final long[] SHAPE = {1, 8, 8};
    static final int[] RANKS = {3, 3};
    static final NoiseSchedule SCHEDULE = BetaSchedules.fromConfig(SchedulerConfig.ddpmDefault());

    final LowRankGaussianMixture model;
    final Tensor topMask;     // [1, 1, 8, 8]
    final Tensor bottomMask;

    AnalyticSetup(long seed) {
        Tensor top = LowRankGaussianMixture.rectangleMask(SHAPE, 0, 0, 4, 8);
        Tensor bottom = LowRankGaussianMixture.rectangleMask(SHAPE, 4, 0, 4, 8);
        this.model = LowRankGaussianMixture.randomLocal(seed, SHAPE, RANKS, List.of(top, bottom), SCHEDULE);
        this.topMask = top.to(torch.ScalarType.Double).reshape(1, 1, 8, 8);
        this.bottomMask = bottom.to(torch.ScalarType.Double).reshape(1, 1, 8, 8);
    }

    /** A noisy point x_t = sqrt(abar) x0 + sqrt(1 - abar) n, float64, [1, 1, 8, 8]. */
    Tensor noisyPoint(long seed, long timestep) {
        Tensor x0 = model.sample(1, seed, torch.ScalarType.Double);
        double abar = SCHEDULE.alphaBar(timestep);
        Tensor noise = Randomness.randn(Randomness.generator(seed + 1), 1, 1, 8, 8).to(torch.ScalarType.Double);
        return x0.reshape(1, 1, 8, 8).mul(new Scalar(Math.sqrt(abar))).add(noise.mul(new Scalar(Math.sqrt(1 - abar))));
    }

    /** Products with the Jacobian of x -> mask * f(x) at {@code point}. */
    JacobianProducts maskedPosteriorMean(Tensor point, long timestep, Tensor mask, int chunk) {
        PosteriorMean f = new PosteriorMean(model, SCHEDULE);
        return new JacobianProducts(batch -> f.apply(batch, torch.full(new long[] {batch.size(0)}, new Scalar(timestep),
                new TensorOptions(torch.ScalarType.Long))).mul(mask), point, chunk);
    }

    static Tensor identity(long n) {
        return torch.eye(n, new TensorOptions(torch.ScalarType.Double));
    }
}
