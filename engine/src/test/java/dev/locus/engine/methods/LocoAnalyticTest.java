package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.api.Method;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.EditPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LOCO on the analytic mixture, where the answers are known exactly. */
class LocoAnalyticTest {

    private static final double T_EDIT = 0.4;
    private final AnalyticSetup setup = new AnalyticSetup(31);
    private final DiffusersDdimTrajectory trajectory =
            new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault().withoutClipping(), 20, 0);
    private final Tensor image = setup.model.sample(1, 77, torch.ScalarType.Double).reshape(1, 1, 8, 8);
    private final Loco loco = new Loco(setup.model, trajectory, "sha256:analytic");

    @TempDir
    Path temp;

    @Test
    void nullSpaceProjectedDirectionsLeaveTheOutsideFixedToFirstOrder() {
        DirectionBasis basis = loco.discover(image, setup.topMask, options(true), StepListener.NONE);
        Tensor xt = invertTo(basis.level());
        JacobianProducts roi = setup.maskedPosteriorMean(xt, (long) basis.level(), setup.topMask, 8);
        JacobianProducts out = setup.maskedPosteriorMean(xt, (long) basis.level(), setup.bottomMask, 8);
        Tensor v = basis.vectors().reshape(basis.size(), -1);
        Tensor inside = roi.jvp(v).norm(new org.bytedeco.pytorch.ScalarOptional(new Scalar(2)), new long[] {1}, false);
        Tensor outside = out.jvp(v).norm(new org.bytedeco.pytorch.ScalarOptional(new Scalar(2)), new long[] {1}, false);
        for (int i = 0; i < basis.size(); i++) {
            assertThat(outside.get(i).item_double()).isLessThanOrEqualTo(1e-3 * inside.get(i).item_double());
            assertThat(inside.get(i).item_double()).isGreaterThan(1e-3);
        }
        assertThat(basis.nullBasis().size(0)).isEqualTo(6);
        assertThat(basis.method()).isEqualTo(Method.LOCO);
    }

    @Test
    void projectedDirectionsAreSignedAgain() {
        // v's largest entry is positive; removing the null direction e_0 leaves one whose largest entry is negative
        Tensor v = Tensor.create(new double[] {1.0, -0.9, 0.1}, 1, 3);
        Tensor nullBasis = Tensor.create(new double[] {1.0, 0.0, 0.0}, 1, 3);
        Tensor projected = Loco.nullSpaceProject(v, nullBasis);
        double norm = Math.sqrt(0.81 + 0.01);
        assertThat(projected.get(0).get(1).item_double()).isCloseTo(0.9 / norm, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(projected.get(0).get(2).item_double()).isCloseTo(-0.1 / norm, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(projected.get(0).get(0).item_double()).isZero();
    }

    @Test
    void theLocalLinearityErrorGrowsAsLambdaSquared() {
        DirectionBasis basis = loco.discover(image, setup.topMask, options(true), StepListener.NONE);
        Tensor xt = invertTo(basis.level());
        long t = (long) basis.level();
        JacobianProducts roi = setup.maskedPosteriorMean(xt, t, torch.ones(1, 1, 8, 8).to(torch.ScalarType.Double), 8);
        Tensor v = basis.vectors().select(0, 0).reshape(1, 1, 8, 8);
        Tensor jv = roi.jvp(v.reshape(1, -1)).reshape(1, 1, 8, 8);
        double small = linearisationError(xt, t, v, jv, 0.05);
        double twice = linearisationError(xt, t, v, jv, 0.1);
        assertThat(small).isGreaterThan(1e-12);
        assertThat(twice / small).isBetween(3.0, 5.0);
    }

    @Test
    void theBasisSurvivesASaveAndLoad() {
        DirectionBasis basis = loco.discover(image, setup.topMask, options(true), StepListener.NONE);
        Path file = temp.resolve("basis.safetensors");
        basis.save(file);
        DirectionBasis loaded = DirectionBasis.load(file);
        assertThat(JacobianProductsTest.maxAbs(loaded.vectors().sub(basis.vectors().to(torch.ScalarType.Float)))).isZero();
        assertThat(loaded.labels()).isEqualTo(basis.labels());
        assertThat(loaded.parameters()).isEqualTo(basis.parameters());
        assertThat(loaded.level()).isEqualTo(basis.level());
        assertThat(loaded.sourceImageHash()).isEqualTo(basis.sourceImageHash()).startsWith("sha256:");
        assertThat(loaded.nullBasis().shape()).isEqualTo(basis.nullBasis().shape());
    }

    @Test
    void editsMoveTheRegionAndScaleWithStrength() {
        // Edit within the component the image comes from: across components a mixture switches
        // class (the whole image changes), which is not what a local direction is for.
        boolean top = image.mul(setup.topMask).norm().item_double() > image.mul(setup.bottomMask).norm().item_double();
        Tensor roiMask = top ? setup.topMask : setup.bottomMask;
        Tensor outMask = top ? setup.bottomMask : setup.topMask;
        DirectionBasis basis = loco.discover(image, roiMask, options(true), StepListener.NONE);
        EditPipeline edits = new EditPipeline(setup.model, "sha256:analytic", trajectory);
        Tensor out = edits.apply(image, EditPipeline.sweep(basis, 0, new double[] {-2, 0, 2, 4}), 0, StepListener.NONE);
        Tensor reconstruction = out.select(0, 1);
        double[] inside = new double[4];
        double[] outside = new double[4];
        for (int s = 0; s < 4; s++) {
            Tensor change = out.select(0, s).sub(reconstruction);
            inside[s] = change.mul(roiMask.select(0, 0)).norm().item_double();
            outside[s] = change.mul(outMask.select(0, 0)).norm().item_double();
        }
        assertThat(inside[2]).isGreaterThan(0.1);
        assertThat(outside[2]).isLessThan(0.1 * inside[2]);   // local: ROIR well below 1
        assertThat(inside[3] / inside[2]).isBetween(1.5, 2.5); // roughly linear in lambda
        assertThat(inside[0] / inside[2]).isBetween(0.7, 1.3); // -lambda moves as far as +lambda
    }

    @Test
    void aDirectionOfAnotherModelIsRefused() {
        DirectionBasis basis = loco.discover(image, setup.topMask, options(false), StepListener.NONE);
        EditPipeline other = new EditPipeline(setup.model, "sha256:other", trajectory);
        assertThatThrownBy(() -> other.apply(image, EditPipeline.sweep(basis, 0, new double[] {1}), 0, StepListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256:analytic").hasMessageContaining("sha256:other");
        assertThat(basis.method()).isEqualTo(Method.LOCO_NO_NULL_SPACE);
        assertThat(basis.nullBasis()).isNull();
    }

    @Test
    void withStochasticStepsAnImageDoesNotDependOnTheOtherRowsOfItsBatch() {
        DirectionBasis basis = loco.discover(image, setup.topMask, options(true), StepListener.NONE);
        EditPipeline stochastic = new EditPipeline(setup.model, "sha256:analytic",
                new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault().withoutClipping(), 20, 1.0));
        Tensor alone = stochastic.apply(image, EditPipeline.sweep(basis, 0, new double[] {4}), 5, StepListener.NONE);
        Tensor sweep = stochastic.apply(image, EditPipeline.sweep(basis, 0, new double[] {-4, 0, 4}), 5,
                StepListener.NONE);
        assertThat(JacobianProductsTest.maxAbs(sweep.narrow(0, 2, 1).sub(alone))).as("+4 alone vs in a sweep")
                .isLessThan(1e-9);
        // the rows share their noise, so outside the region they stay as close as the edit leaves them
        Tensor outside = torch.ones_like(setup.topMask).sub(setup.topMask);
        assertThat(JacobianProductsTest.maxAbs(sweep.narrow(0, 0, 1).sub(sweep.narrow(0, 1, 1)).mul(outside)))
                .isLessThan(0.5 * JacobianProductsTest.maxAbs(sweep.narrow(0, 0, 1).sub(sweep.narrow(0, 1, 1))));
    }

    @Test
    void aDirectionIsRefusedOnAScheduleWithoutItsTimestep() {
        DirectionBasis basis = loco.discover(image, setup.topMask, options(false), StepListener.NONE);
        EditPipeline coarser = new EditPipeline(setup.model, "sha256:analytic",
                new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault().withoutClipping(), 7, 0));
        assertThatThrownBy(() -> coarser.apply(image, EditPipeline.sweep(basis, 0, new double[] {1}), 0, StepListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestep " + basis.level()).hasMessageContaining(basis.schedule().describe())
                .hasMessageContaining("/7/");
        assertThat(basis.schedule().steps()).isEqualTo(20);
    }

    @Test
    void withoutProjectionIsWhatAProjectedRunKeptAsItsRawVectors() {
        DirectionBasis projected = loco.discover(image, setup.topMask, options(true), StepListener.NONE);
        DirectionBasis direct = loco.discover(image, setup.topMask, options(false), StepListener.NONE);
        DirectionBasis derived = Loco.unprojected(projected);

        assertThat(JacobianProductsTest.maxAbs(derived.vectors().sub(direct.vectors()))).isZero();
        assertThat(JacobianProductsTest.maxAbs(derived.vectors().sub(projected.vectors()))).isGreaterThan(1e-3);
        assertThat(derived.method()).isEqualTo(direct.method());
        assertThat(derived.parameters()).isEqualTo(direct.parameters());
        assertThat(derived.nullBasis()).isNull();
        assertThatThrownBy(() -> Loco.unprojected(direct)).hasMessageContaining("expected a null-space projected LOCO basis");
    }

    @Test
    void oneInversionServesSeveralSamplingPasses() {
        DirectionBasis basis = loco.discover(image, setup.topMask, options(true), StepListener.NONE);
        EditPipeline edits = new EditPipeline(setup.model, "sha256:analytic", trajectory);
        var first = EditPipeline.sweep(basis, 0, new double[] {-2, 2});
        var second = EditPipeline.sweep(basis, 1, new double[] {3});

        var inverted = edits.invert(image, first, StepListener.NONE);
        Tensor a = edits.sample(inverted, first, 0, StepListener.NONE);
        Tensor b = edits.sample(inverted, second, 0, StepListener.NONE);

        assertThat(JacobianProductsTest.maxAbs(a.sub(edits.apply(image, first, 0, StepListener.NONE)))).isZero();
        assertThat(JacobianProductsTest.maxAbs(b.sub(edits.apply(image, second, 0, StepListener.NONE)))).isZero();
        var tooLow = new DdimPipeline(setup.model, trajectory).invert(image, 0.2 * 999, StepListener.NONE);
        assertThatThrownBy(() -> edits.sample(tooLow, first, 0, StepListener.NONE))
                .hasMessageContaining("needs an inversion to at least that level");
    }

    private double linearisationError(Tensor xt, long t, Tensor v, Tensor jv, double lambda) {
        PosteriorMean f = new PosteriorMean(setup.model, AnalyticSetup.SCHEDULE);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor steps = torch.full(new long[] {1}, new Scalar(t), new TensorOptions(torch.ScalarType.Long));
            Tensor moved = f.apply(xt.add(v.mul(new Scalar(lambda))), steps);
            Tensor base = f.apply(xt, steps);
            return moved.sub(base).sub(jv.mul(new Scalar(lambda))).norm().item_double();
        }
    }

    /** The x_t LOCO analysed: the basis records its level (the grid step nearest T_EDIT x T). */
    private Tensor invertTo(double level) {
        var latent = new DdimPipeline(setup.model, trajectory).invert(image, level, StepListener.NONE);
        assertThat(latent.timestep()).as("inverted to the basis's own step").isEqualTo(level);
        return latent.sample();
    }

    private static Loco.Options options(boolean project) {
        return new Loco.Options(T_EDIT, 2, 6, project, 5, 100, 1e-8, 16, 3);
    }
}
