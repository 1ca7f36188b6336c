package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.api.Method;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.Randomness;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The "d eps / d x_t" variant of LOCO on the analytic mixture. */
class LocoNoiseTargetTest {

    private final AnalyticSetup setup = new AnalyticSetup(31);
    private final DiffusersDdimTrajectory trajectory =
            new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault().withoutClipping(), 20, 0);
    private final Loco loco = new Loco(setup.model, trajectory, "sha256:analytic");

    @Test
    void theNoiseJacobianIsThePosteriorMeanJacobianLessTheIdentityTerm() {
        long t = 399;
        Tensor xt = setup.noisyPoint(5, t);
        Loco.Options f = new Loco.Options(0.4, 2, 6, true, 5, 100, 1e-8, 16, 3);
        JacobianProducts jf = loco.jacobian(xt, t, setup.topMask, f);
        JacobianProducts jeps = loco.jacobian(xt, t, setup.topMask, f.withTarget(Loco.Target.NOISE));
        Tensor v = Randomness.randn(Randomness.generator(9), 3, 64).to(torch.ScalarType.Double);
        double abar = AnalyticSetup.SCHEDULE.alphaBar(t);
        // M J_f v = (M v - sqrt(1 - abar) M J_eps v) / sqrt(abar)
        Tensor expected = v.mul(setup.topMask.reshape(1, 64)).sub(jeps.jvp(v).mul(new Scalar(Math.sqrt(1 - abar))))
                .div(new Scalar(Math.sqrt(abar)));
        Tensor actual = jf.jvp(v);
        assertThat(actual.sub(expected).norm().item_double()).isLessThan(1e-9 * actual.norm().item_double());
        assertThat(jeps.jvp(v).sub(actual).norm().item_double()).isGreaterThan(1e-3);
    }

    @Test
    void theVariantIsLabelledAndTheDefaultKeepsItsParameters() {
        Tensor image = setup.model.sample(1, 77, torch.ScalarType.Double).reshape(1, 1, 8, 8);
        Loco.Options defaults = new Loco.Options(0.4, 2, 6, true, 5, 100, 1e-8, 16, 3);
        assertThat(defaults.target()).isEqualTo(Loco.Target.POSTERIOR_MEAN);
        assertThat(defaults.describe()).doesNotContainKey("differentiated");

        DirectionBasis eps = loco.discover(image, setup.topMask, defaults.withTarget(Loco.Target.NOISE), StepListener.NONE);
        assertThat(eps.method()).isEqualTo(Method.LOCO_EPS);
        assertThat(eps.parameters()).containsEntry("differentiated", "noise");
        assertThat(eps.nullBasis().size(0)).isEqualTo(6);

        DirectionBasis unprojected = loco.discover(image, setup.topMask,
                new Loco.Options(0.4, 2, 6, false, 5, 100, 1e-8, 16, 3, Loco.Target.NOISE), StepListener.NONE);
        assertThat(unprojected.method()).isEqualTo(Method.LOCO_EPS_NO_NULL_SPACE);
        DirectionBasis loco0 = loco.discover(image, setup.topMask, defaults, StepListener.NONE);
        assertThat(loco0.method()).isEqualTo(Method.LOCO);
    }
}
