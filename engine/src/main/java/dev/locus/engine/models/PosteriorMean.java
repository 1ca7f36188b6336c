package dev.locus.engine.models;

import dev.locus.engine.schedulers.NoiseSchedule;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import dev.locus.engine.torch.Scopes;

/**
 * The posterior-mean predictor (Tweedie): f(x_t) = E[x_0 | x_t] =
 * (x_t - sqrt(1 - abar_t) eps(x_t, t)) / sqrt(abar_t). LOCO's Jacobians are taken of this map.
 */
public final class PosteriorMean {

    private final Denoiser denoiser;
    private final NoiseSchedule schedule;

    public PosteriorMean(Denoiser denoiser, NoiseSchedule schedule) {
        this.denoiser = denoiser;
        this.schedule = schedule;
    }

    /** f(x_t) for a batch; differentiable in x_t when autograd is on. */
    public Tensor apply(Tensor xt, Tensor timesteps) {
        return Scopes.compute(() -> {
            Tensor eps = denoiser.predictNoise(xt, timesteps);
            Tensor alphaBar = schedule.alphaBarBroadcast(timesteps, xt.dim()).to(xt.device(), xt.scalar_type());
            Tensor oneMinusAlphaBar = alphaBar.neg().add(new Scalar(1.0));
            return xt.sub(oneMinusAlphaBar.sqrt().mul(eps)).div(alphaBar.sqrt());
        });
    }

    public Denoiser denoiser() {
        return denoiser;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }
}
