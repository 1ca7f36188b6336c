package dev.locus.engine.schedulers;

import static org.bytedeco.pytorch.global.torch.ScalarType.Float;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * The noise schedules diffusers trains with. Betas are built with the same float32 torch ops
 * as diffusers (torch's linspace kernel differs from an exactly rounded one by an ulp in places)
 * and abar = cumprod(1 - beta), which torch accumulates in double on the CPU.
 */
public final class BetaSchedules {

    private BetaSchedules() {}

    public static NoiseSchedule fromConfig(SchedulerConfig config) {
        Tensor betas = betas(config.betaSchedule(), config.betaStart(), config.betaEnd(), config.numTrainTimesteps());
        Tensor alphas = torch.ones_like(betas).sub(betas);
        return new NoiseSchedule(torch.cumprod(alphas, 0).contiguous());
    }

    public static Tensor betas(String schedule, double start, double end, int steps) {
        TensorOptions floats = new TensorOptions(Float);
        return switch (schedule) {
            case "linear" -> torch.linspace(new Scalar(start), new Scalar(end), steps, floats);
            case "scaled_linear" -> torch.linspace(new Scalar(Math.sqrt(start)), new Scalar(Math.sqrt(end)), steps, floats)
                    .pow(new Scalar(2));
            case "squaredcos_cap_v2" -> cosine(steps);
            default -> throw new IllegalArgumentException("beta_schedule '" + schedule
                    + "' is not supported (linear, scaled_linear or squaredcos_cap_v2)");
        };
    }

    /** Nichol and Dhariwal's cosine schedule, computed in double like diffusers' Python loop. */
    private static Tensor cosine(int steps) {
        float[] betas = new float[steps];
        for (int i = 0; i < steps; i++) {
            double t1 = (double) i / steps;
            double t2 = (double) (i + 1) / steps;
            betas[i] = (float) Math.min(1 - cosineAlphaBar(t2) / cosineAlphaBar(t1), 0.999);
        }
        return Tensor.create(betas, steps);
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }
}
