package dev.locus.engine.schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.locus.engine.schedulers.SchedulerConfig.PredictionType;
import dev.locus.engine.torch.Randomness;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The prediction types, thresholding, stochastic steps and beta schedules not covered by the fixtures. */
class DdimUpdateTest {

    private static final float A_T = 0.4f;
    private static final float A_PREV = 0.6f;
    private final Tensor x0 = Randomness.randn(Randomness.generator(1), 2, 3, 4, 4).mul(new Scalar(0.5));
    private final Tensor eps = Randomness.randn(Randomness.generator(2), 2, 3, 4, 4);
    private final Tensor xt = x0.mul(new Scalar(Math.sqrt(A_T))).add(eps.mul(new Scalar(Math.sqrt(1 - A_T))));

    @Test
    void vAndSamplePredictionGiveTheSameStepAsEpsilon() {
        Tensor expected = update(PredictionType.EPSILON).apply(xt, eps, A_T, A_PREV, 0, null).sample();
        Tensor v = eps.mul(new Scalar(Math.sqrt(A_T))).sub(x0.mul(new Scalar(Math.sqrt(1 - A_T))));
        Tensor fromV = update(PredictionType.V_PREDICTION).apply(xt, v, A_T, A_PREV, 0, null).sample();
        Tensor fromSample = update(PredictionType.SAMPLE).apply(xt, x0, A_T, A_PREV, 0, null).sample();
        assertThat(maxAbs(fromV.sub(expected))).isLessThan(1e-5);
        assertThat(maxAbs(fromSample.sub(expected))).isLessThan(1e-5);
        Tensor direct = x0.mul(new Scalar(Math.sqrt(A_PREV))).add(eps.mul(new Scalar(Math.sqrt(1 - A_PREV))));
        assertThat(maxAbs(expected.sub(direct))).isLessThan(1e-5);
    }

    @Test
    void dynamicThresholdingClampsToTheQuantileAndRescales() {
        SchedulerConfig config = new SchedulerConfig(1000, 1e-4, 0.02, "linear", false, 1.0, true, 0,
                PredictionType.SAMPLE, true, 0.5, 10.0, "leading");
        Tensor big = x0.mul(new Scalar(8));
        Tensor predicted = new DdimUpdate(config).apply(xt, big, A_T, A_PREV, 0, null).predOriginal();
        for (int b = 0; b < 2; b++) {
            Tensor flat = big.select(0, b).reshape(-1).abs();
            double s = Math.min(10.0, Math.max(1.0, torch.quantile(flat, Tensor.create(new float[] {0.5f})).item_double()));
            Tensor expected = big.select(0, b).clamp(new org.bytedeco.pytorch.ScalarOptional(new Scalar(-s)),
                    new org.bytedeco.pytorch.ScalarOptional(new Scalar(s))).div(new Scalar(s));
            assertThat(maxAbs(predicted.select(0, b).sub(expected))).isLessThan(1e-6);
        }
        assertThat(maxAbs(predicted)).isLessThanOrEqualTo(1.0 + 1e-6);
    }

    @Test
    void stochasticStepsAreSeededAndHaveTheDdimVariance() {
        DdimUpdate update = update(PredictionType.EPSILON);
        Tensor mean = update.apply(xt, eps, A_T, A_PREV, 0, null).sample();
        Tensor a = update.apply(xt, eps, A_T, A_PREV, 1.0, Randomness.generator(9)).sample();
        Tensor b = update.apply(xt, eps, A_T, A_PREV, 1.0, Randomness.generator(9)).sample();
        Tensor c = update.apply(xt, eps, A_T, A_PREV, 1.0, Randomness.generator(10)).sample();
        assertThat(maxAbs(a.sub(b))).isZero();
        assertThat(maxAbs(a.sub(c))).isGreaterThan(1e-3);
        double sigma = Math.sqrt((1 - A_PREV) / (1 - A_T) * (1 - A_T / A_PREV));
        Tensor noise = Randomness.randn(Randomness.generator(9), 2, 3, 4, 4);
        // x_prev = sqrt(a') x0 + sqrt(1 - a' - sigma^2) eps + sigma z
        Tensor expected = x0.mul(new Scalar(Math.sqrt(A_PREV)))
                .add(eps.mul(new Scalar(Math.sqrt(1 - A_PREV - sigma * sigma)))).add(noise.mul(new Scalar(sigma)));
        assertThat(maxAbs(a.sub(expected))).isLessThan(1e-5);
        assertThat(maxAbs(mean.sub(a))).isGreaterThan(0.1);
    }

    @Test
    void betaSchedulesHaveTheirDefiningValues() {
        Tensor scaled = BetaSchedules.betas("scaled_linear", 0.00085, 0.012, 1000);
        assertThat(scaled.get(0).item_double()).isCloseTo(0.00085, within(1e-7));
        assertThat(scaled.get(999).item_double()).isCloseTo(0.012, within(1e-7));
        assertThat(Math.sqrt(scaled.get(500).item_double()))
                .isCloseTo(Math.sqrt(0.00085) + 500 * (Math.sqrt(0.012) - Math.sqrt(0.00085)) / 999, within(1e-6));
        Tensor cosine = BetaSchedules.betas("squaredcos_cap_v2", 0, 0, 1000);
        double abar = Math.pow(Math.cos((1.0 / 1000 + 0.008) / 1.008 * Math.PI / 2), 2)
                / Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
        assertThat(cosine.get(0).item_double()).isCloseTo(1 - abar, within(1e-7));
        assertThat(cosine.get(999).item_double()).isCloseTo(0.999, within(1e-7));
    }

    @Test
    void theLocoGridIsFloatAndLooksUpAlphaAtTheFloor() {
        LocoGrid grid = new LocoGrid(SchedulerConfig.ddpmDefault(), 100, true);
        var sampling = grid.sampling(grid.topLevel());
        assertThat(sampling).hasSize(99);
        assertThat(sampling.get(0).timestep()).isCloseTo(999.0, within(1e-3));
        assertThat(sampling.get(98).timestep()).isCloseTo(999.0 / 99, within(1e-3));   // 10.09
        float[] alphas = Timesteps.toFloatArray(grid.noiseSchedule().alphasCumprod());
        assertThat(sampling.get(98).alphaFrom()).isEqualTo(alphas[10]);
        assertThat(sampling.get(98).alphaTo()).isEqualTo(alphas[0]);
        assertThat(sampling.get(0).eta()).isZero();
        assertThat(sampling.get(98).eta()).isEqualTo(1.0);   // quality boosting below 0.2T
        assertThat(grid.inversion(grid.levelAtOrBelow(600))).hasSize((int) Math.floor(600 / (999.0 / 99)));
    }

    @Test
    void anEditHappensAtTheStepNearestItsFractionOfTheSchedule() {
        // the reference picks argmin |timesteps - t_edit * 1000|; "at or below t * 999" agrees at 0.6, not at 0.5
        LocoGrid grid = new LocoGrid(SchedulerConfig.ddpmDefault(), 100, false);
        double spacing = 999.0 / 99;
        assertThat(grid.levelNearest(0.6)).isCloseTo(59 * spacing, within(1e-3));   // 595.4, 4.6 below 600
        assertThat(grid.levelNearest(0.5)).isCloseTo(50 * spacing, within(1e-3));   // 504.5, not 494.5 below it
        assertThat(grid.levelAtOrBelow(0.5 * 999)).isCloseTo(49 * spacing, within(1e-3));
        assertThat(grid.levelNearest(0.0)).isCloseTo(spacing, within(1e-3));        // never the clean image itself

        DiffusersDdimTrajectory leading = new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 50, 0);
        assertThat(leading.levelNearest(0.6)).isEqualTo(600);                       // at-or-below 599.4 gave 580
        assertThat(leading.levelNearest(0.61)).isEqualTo(620);
        assertThat(leading.levelNearest(1.0)).isEqualTo(980);
        // 590 lies 10 from 580 and from 600: the reference meets 600 first in its descending timesteps
        assertThat(leading.levelNearest(0.59)).isEqualTo(600);
    }

    private static DdimUpdate update(PredictionType type) {
        return new DdimUpdate(new SchedulerConfig(1000, 1e-4, 0.02, "linear", false, 1.0, true, 0, type, false,
                0.995, 1.0, "leading"));
    }

    private static double maxAbs(Tensor t) {
        return t.abs().max().item_double();
    }
}
