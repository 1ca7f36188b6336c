package dev.locus.engine.models.analytic;

import static org.bytedeco.pytorch.global.torch.ScalarType.Double;
import static org.bytedeco.pytorch.global.torch.ScalarType.Float;

import dev.locus.engine.schedulers.NoiseSchedule;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Schedules for tests only; the real scheduler classes live in dev.locus.engine.schedulers. */
final class TestSchedules {

    private TestSchedules() {}

    /** DDPM's linear betas 1e-4..0.02 over 1000 steps; cumprod in float64, stored float32. */
    static NoiseSchedule linearDdpm() {
        Tensor betas = torch.linspace(new Scalar(1e-4), new Scalar(0.02), 1000, new TensorOptions(Double));
        Tensor alphas = betas.neg().add(new Scalar(1.0));
        return new NoiseSchedule(torch.cumprod(alphas, 0).to(Float));
    }
}
