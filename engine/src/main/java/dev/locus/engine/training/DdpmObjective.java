package dev.locus.engine.training;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.schedulers.BetaSchedules;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.Randomness;
import dev.locus.engine.torch.Scopes;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Ho et al.'s simplified DDPM objective: t ~ U{0..T-1}, eps ~ N(0, I),
 * x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps, loss = mean (eps_theta(x_t, t) - eps)^2.
 *
 * <p>The tables are float32 and indexed like diffusers' {@code DDPMScheduler.add_noise}, so a model
 * trained here sees the same x_t as one trained by the diffusers example script.
 */
public final class DdpmObjective {

    private final SchedulerConfig schedule;
    private final Tensor sqrtAlphaBar;
    private final Tensor sqrtOneMinusAlphaBar;

    public DdpmObjective(SchedulerConfig schedule) {
        this.schedule = schedule;
        Tensor alphaBar = BetaSchedules.fromConfig(schedule).alphasCumprod();
        this.sqrtAlphaBar = Scopes.owned(alphaBar.sqrt());
        this.sqrtOneMinusAlphaBar = Scopes.owned(torch.ones_like(alphaBar).sub(alphaBar).sqrt());
    }

    public SchedulerConfig schedule() {
        return schedule;
    }

    /** The loss on {@code x0}, drawing timesteps and then noise from {@code generator}. */
    public Tensor ddpmLoss(Denoiser model, Tensor x0, Generator generator) {
        long batch = x0.size(0);
        Tensor t = torch.randint(schedule.numTrainTimesteps(), new long[] {batch}, new GeneratorOptional(generator),
                new TensorOptions(torch.ScalarType.Long));
        Tensor noise = Randomness.randn(generator, x0.shape());
        Tensor xt = noisy(x0, noise, t);
        return torch.mse_loss(model.predictNoise(xt, t), noise);
    }

    /** x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps, abar_t broadcast over [B, C, H, W]. */
    public Tensor noisy(Tensor x0, Tensor noise, Tensor t) {
        Tensor signal = sqrtAlphaBar.index_select(0, t).view(-1, 1, 1, 1);
        Tensor spread = sqrtOneMinusAlphaBar.index_select(0, t).view(-1, 1, 1, 1);
        return x0.mul(signal).add(noise.mul(spread));
    }
}
