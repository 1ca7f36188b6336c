package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.Method;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.EditPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Randomness;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** JIVE and the Haas baseline on the conformance UNet: structure of the bases, h-space edits. */
class HSpaceDirectionsTest {

    private static final Path MODEL = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");
    private final UNet2DLoader.Loaded loaded = UNet2DLoader.load(MODEL, ComputeDevice.cpu());
    private final DiffusersDdimTrajectory trajectory = new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 10, 0);
    private final HSpaceDirections method = new HSpaceDirections(loaded.model(), trajectory, loaded.fingerprint());
    private final Tensor image = Randomness.randn(Randomness.generator(1), 1, 3, 16, 16).clamp(
            new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(-1)),
            new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(1)));
    private final List<HSpaceDirections.Region> regions = List.of(
            new HSpaceDirections.Region("top", band(0, 8)), new HSpaceDirections.Region("bottom", band(8, 8)));

    @Test
    void jiveGivesOrthonormalIndividualDirectionsOrthogonalToTheJointOnes() {
        var options = new HSpaceDirections.Options(0.5, 12, 4, 3, true, 3, 10, 1e-3, 50, 12, 0);
        DirectionBasis basis = method.discover(image, regions, options, StepListener.NONE);
        assertThat(basis.space()).isEqualTo(DirectionSpace.H);
        assertThat(basis.labels()).containsExactly("top/individual/0", "top/individual/1", "top/individual/2",
                "bottom/individual/0", "bottom/individual/1", "bottom/individual/2", "joint/0", "joint/1", "joint/2", "joint/3");
        assertThat(basis.vectors().shape()).containsExactly(10, 32, 4, 4);
        Tensor rows = basis.vectors().reshape(10, -1);
        Tensor individualTop = rows.narrow(0, 0, 3);
        Tensor joint = rows.narrow(0, 6, 4);
        Tensor gram = individualTop.matmul(individualTop.t());
        assertThat(gram.sub(torch.eye(3)).abs().max().item_double()).isLessThan(1e-4);
        assertThat(individualTop.matmul(joint.t()).abs().max().item_double()).isLessThan(1e-4);
    }

    @Test
    void theHaasBaselineKeepsTheTopSingularVectorsPerRegion() {
        var options = new HSpaceDirections.Options(0.5, 6, 4, 2, false, 3, 10, 1e-3, 50, 6, 0);
        DirectionBasis basis = method.discover(image, regions, options, StepListener.NONE);
        assertThat(basis.method()).isEqualTo(Method.HAAS);
        assertThat(basis.labels()).containsExactly("top/svd/0", "top/svd/1", "bottom/svd/0", "bottom/svd/1");
        assertThat(basis.singularValues().get(0).item_double()).isGreaterThanOrEqualTo(basis.singularValues().get(1).item_double());
    }

    @Test
    void whatTheRegionsLeaveUncoveredBecomesTheRestRegion() {
        var options = new HSpaceDirections.Options(0.5, 6, 4, 2, false, 3, 10, 1e-3, 50, 6, 0);
        DirectionBasis basis = method.discover(image, List.of(new HSpaceDirections.Region("top", band(0, 5))), options,
                StepListener.NONE);
        assertThat(basis.labels()).containsExactly("top/svd/0", "top/svd/1", "rest/svd/0", "rest/svd/1");

        assertThatThrownBy(() -> method.discover(image, List.of(new HSpaceDirections.Region("top", band(0, 5)),
                new HSpaceDirections.Region("rest", band(5, 5))), options, StepListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("96 pixels uncovered");
    }

    @Test
    void anHSpaceEditChangesTheImageInProportionToItsStrength() {
        var options = new HSpaceDirections.Options(0.5, 6, 4, 2, false, 3, 10, 1e-3, 50, 6, 0);
        DirectionBasis basis = method.discover(image, regions, options, StepListener.NONE);
        EditPipeline edits = new EditPipeline(loaded.model(), loaded.fingerprint(), trajectory);
        Tensor out = edits.apply(image, EditPipeline.sweep(basis, 0, new double[] {0, 0.5, 1}), 0, StepListener.NONE);
        double half = out.select(0, 1).sub(out.select(0, 0)).norm().item_double();
        double full = out.select(0, 2).sub(out.select(0, 0)).norm().item_double();
        assertThat(half).isGreaterThan(1e-4);
        assertThat(full / half).isBetween(1.5, 2.5);
    }

    @Test
    void jiveAndTheHaasBaselineCanShareOneSetOfRegionSvds() {
        var jiveOptions = new HSpaceDirections.Options(0.5, 6, 4, 2, true, 3, 10, 1e-3, 50, 6, 0);
        var haasOptions = new HSpaceDirections.Options(0.5, 6, 4, 2, false, 3, 10, 1e-3, 50, 6, 0);
        HSpaceDirections.RegionSvds shared = method.regionSvds(image, regions, jiveOptions, StepListener.NONE);

        DirectionBasis haasFromShared = method.directions(shared, haasOptions);
        DirectionBasis haasAlone = method.discover(image, regions, haasOptions, StepListener.NONE);

        assertThat(haasFromShared.labels()).isEqualTo(haasAlone.labels());
        assertThat(haasFromShared.vectors().sub(haasAlone.vectors()).abs().max().item_double()).isLessThan(1e-6);
        assertThat(method.directions(shared, jiveOptions).labels()).contains("top/individual/0", "joint/0");
    }

    @Test
    void editingABatchOfImagesGivesEachImageTheEditsItWouldGetAlone() {
        var options = new HSpaceDirections.Options(0.5, 6, 4, 2, false, 3, 10, 1e-3, 50, 6, 0);
        DirectionBasis basis = method.discover(image, regions, options, StepListener.NONE);
        Tensor other = Randomness.randn(Randomness.generator(2), 1, 3, 16, 16).clamp(
                new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(-1)),
                new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(1)));
        EditPipeline edits = new EditPipeline(loaded.model(), loaded.fingerprint(), trajectory);
        var rows = EditPipeline.sweep(basis, 0, new double[] {-1, 0, 1});

        Tensor together = edits.apply(torch.cat(new org.bytedeco.pytorch.TensorVector(image, other), 0), rows, 0,
                StepListener.NONE);
        Tensor alone = torch.cat(new org.bytedeco.pytorch.TensorVector(
                edits.apply(image, rows, 0, StepListener.NONE), edits.apply(other, rows, 0, StepListener.NONE)), 0);

        assertThat(together.size(0)).isEqualTo(6);
        // batch size changes float summation order, and h-space edits sample all 10 steps from x_T
        assertThat(together.sub(alone).abs().max().item_double()).isLessThan(1e-3);
        // the two faces really differ, so the comparison above can tell rows of one from rows of the other
        assertThat(alone.select(0, 1).sub(alone.select(0, 4)).abs().max().item_double()).isGreaterThan(0.1);
    }

    @Test
    void jiveAnalysesTheXtThatSamplingFromTheFullInversionPassesThrough() {
        var options = new HSpaceDirections.Options(0.5, 4, 3, 2, false, 2, 2, 1e-3, 50, 4, 0);
        HSpaceDirections.RegionSvds svds = method.regionSvds(image, regions, options, StepListener.NONE);
        DdimPipeline pipeline = new DdimPipeline(loaded.model(), trajectory);
        assertThat(svds.latent().timestep()).isEqualTo(trajectory.levelNearest(0.5));

        // x_T, then DDIM down: from JIVE's x_t on, sampling continues exactly as from x_T
        Tensor fromNoise = pipeline.denoise(pipeline.invert(image, trajectory.topLevel(), StepListener.NONE), null,
                StepListener.NONE);
        Tensor fromJivesXt = pipeline.denoise(svds.latent(), null, StepListener.NONE);
        assertThat(fromJivesXt.sub(fromNoise).abs().max().item_double()).isLessThan(1e-5);
        // while inverting straight to t_edit, as LOCO does, is another x_t on this model
        Tensor fromDirectXt = pipeline.denoise(pipeline.invert(image, svds.latent().timestep(), StepListener.NONE), null,
                StepListener.NONE);
        assertThat(fromDirectXt.sub(fromNoise).abs().max().item_double()).isGreaterThan(1e-2);

        // and an h-space edit starts from x_T too: at strength 0 it is that same reconstruction
        DirectionBasis basis = method.directions(svds, options);
        EditPipeline edits = new EditPipeline(loaded.model(), loaded.fingerprint(), trajectory);
        Tensor unedited = edits.apply(image, EditPipeline.sweep(basis, 0, new double[] {0}), 0, StepListener.NONE);
        assertThat(unedited.sub(fromNoise).abs().max().item_double()).isLessThan(1e-5);
    }

    @Test
    void anHSpaceEditInjectsAtItsTimestepAndBelowOnly() {
        var options = new HSpaceDirections.Options(0.5, 4, 3, 2, false, 2, 2, 1e-3, 50, 4, 0);
        DirectionBasis found = method.discover(image, regions, options, StepListener.NONE);
        var steps = trajectory.sampling(trajectory.topLevel());
        double lowest = steps.get(steps.size() - 1).timestep();
        EditPipeline edits = new EditPipeline(loaded.model(), loaded.fingerprint(), trajectory);
        Tensor unedited = edits.apply(image, EditPipeline.sweep(found, 0, new double[] {0}), 0, StepListener.NONE);

        // found below every step of the schedule: no step injects it, not even the first ones from x_T
        Tensor belowAll = edits.apply(image, EditPipeline.sweep(at(found, lowest - 1), 0, new double[] {3}), 0,
                StepListener.NONE);
        assertThat(belowAll.sub(unedited).abs().max().item_double()).isLessThan(1e-6);
        // at the second-lowest step: it and the last step inject it; just below it, only the last one does
        double second = steps.get(steps.size() - 2).timestep();
        Tensor atSecond = edits.apply(image, EditPipeline.sweep(at(found, second), 0, new double[] {3}), 0,
                StepListener.NONE);
        Tensor belowSecond = edits.apply(image, EditPipeline.sweep(at(found, second - 1), 0, new double[] {3}), 0,
                StepListener.NONE);
        assertThat(atSecond.sub(unedited).abs().max().item_double()).isGreaterThan(1e-3);
        assertThat(atSecond.sub(belowSecond).abs().max().item_double()).isGreaterThan(1e-3);
    }

    /** The same direction as found at another timestep. */
    private static DirectionBasis at(DirectionBasis b, double timestep) {
        return new DirectionBasis(b.method(), b.vectors(), b.rawVectors(), b.singularValues(), b.nullBasis(),
                b.nullSingularValues(), b.labels(), b.parameters(), b.modelFingerprint(), timestep, b.schedule(),
                b.maskHash(), b.sourceImageHash());
    }

    private static Tensor band(long top, long height) {
        Tensor mask = torch.zeros(1, 1, 16, 16);
        mask.narrow(2, top, height).fill_(new org.bytedeco.pytorch.Scalar(1.0));
        return mask;
    }
}
