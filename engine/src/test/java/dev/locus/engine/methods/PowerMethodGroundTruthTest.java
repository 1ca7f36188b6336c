package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.io.Images;
import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.methods.jacobian.MemoryBudget;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.pipelines.DdimLoop;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DdimStep;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.LocoGrid;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Randomness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The power method against ground truth on real UNets: the masked Jacobian built outright at the very x_t a
 * discovery inverts to, and its exact SVD ({@link ExplicitJacobian}). Each discovery runs as the workers run it,
 * in a job's pointer scope, through {@link Loco} and {@link HSpaceDirections}, with the graph in one pass, in
 * chunked passes, and rebuilt after measuring one vector under a memory budget.
 */
class PowerMethodGroundTruthTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");
    private static final Path SHIPPED = Path.of("..", "models", "synthfaces-32");
    private static final Path FACES = Path.of("src", "test", "resources", "faces");

    private final UNet2DLoader.Loaded fixture = UNet2DLoader.load(FIXTURE, ComputeDevice.cpu());
    private final DiffusersDdimTrajectory tenSteps = new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 10, 0);
    private final Tensor fixtureImage = Randomness.randn(Randomness.generator(3), 1, 3, 16, 16)
            .clamp(new ScalarOptional(new Scalar(-1)), new ScalarOptional(new Scalar(1)));

    @AfterEach
    void restoreTheProcessBudget() {
        MemoryBudget.setProcessDefault(null);
    }

    @Test
    void locoRegionAndNullSpaceAreTheExactTopSingularSubspacesOnTheFixtureUnet() {
        Tensor mask = rectangle(16, 4, 8, 3, 13);
        assertMatchesGroundTruth(fixture.model(), tenSteps, fixtureImage, mask, referenceOptions(16), true);
    }

    @Test
    void chunkedPassesGiveTheSameExactSubspaces() {
        Tensor mask = rectangle(16, 4, 8, 3, 13);
        // 3 region vectors in passes of 2 rows (the last padded), 5 null vectors in 3 passes of 2
        assertMatchesGroundTruth(fixture.model(), tenSteps, fixtureImage, mask, referenceOptions(2), true);
    }

    @Test
    void aGraphRebuiltAfterMeasuringOneVectorGivesTheSameExactSubspaces() {
        MemoryBudget.setProcessDefault(MemoryBudget.parse("64g")); // limited: one vector is measured, then rebuilt
        Tensor mask = rectangle(16, 4, 8, 3, 13);
        assertMatchesGroundTruth(fixture.model(), tenSteps, fixtureImage, mask, referenceOptions(4), true);
    }

    @Test
    void locoOnTheShippedModelFindsTheExactTopEyesSubspace() {
        UNet2DLoader.Loaded shipped = UNet2DLoader.load(SHIPPED, ComputeDevice.cpu());
        Tensor face = Images.readRgb(FACES.resolve("face-11.png"));
        Tensor eyes = Images.readMask(FACES.resolve("face-11-eyes.png"), 32, 32);
        // the setting: t 0.6, k 3, the LOCO reference grid with 50 points
        LocoGrid grid = new LocoGrid(shipped.scheduler(), 50, false);
        assertMatchesGroundTruth(shipped.model(), grid, face, eyes, referenceOptions(16), false);
    }

    @Test
    void hSpaceRegionSvdsAreTheExactTopSingularSubspaces() {
        List<HSpaceDirections.Region> regions = List.of(
                new HSpaceDirections.Region("top", rectangle(16, 0, 7, 0, 16)),
                new HSpaceDirections.Region("bottom", rectangle(16, 7, 16, 0, 16)));
        var options = new HSpaceDirections.Options(0.5, 6, 4, 2, false, 5, 100, 1e-6, 50, 4, 0);
        HSpaceDirections.RegionSvds svds;
        try (PointerScope job = new PointerScope()) {
            svds = new HSpaceDirections(fixture.model(), tenSteps, fixture.fingerprint())
                    .regionSvds(fixtureImage, regions, options, StepListener.NONE);
            UNet2DModel exactModel = ExplicitJacobian.inDouble(fixture.model());
            Tensor xt = svds.latent().sample().to(torch.ScalarType.Double);
            Tensor t = DdimLoop.timesteps(new DdimStep(svds.latent().timestep(), false, 1f, 1f, 0), xt);
            UNet2DModel.Encoded encoded;
            try (NoGradGuard noGrad = new NoGradGuard()) {
                encoded = exactModel.encode(xt, t);
            }
            List<String> judged = new ArrayList<>();
            for (int i = 0; i < regions.size(); i++) {
                Tensor regionMask = regions.get(i).mask().to(torch.ScalarType.Double);
                DifferentiableMap decoder = h -> exactModel.decode(batchOf(encoded, h.size(0)), h).mul(regionMask);
                Tensor j = ExplicitJacobian.rows(decoder, encoded.h(), regionMask, new long[] {1, 3, 16, 16}, 64);
                ExplicitJacobian.Svd exact = ExplicitJacobian.svd(j);
                String name = regions.get(i).name();
                ExplicitJacobian.leadingSubspaces(exact, svds.perRegion().get(i).vectors())
                        .forEach(line -> judged.add(name + ": " + line));
                assertThat(svds.perRegion().get(i).singularValues().get(0).item_double())
                        .isCloseTo(exact.value(0), org.assertj.core.data.Percentage.withPercentage(0.1));
            }
            assertJudgedAndRight(judged);
        }
    }

    private static Loco.Options referenceOptions(int chunk) {
        return new Loco.Options(0.6, 3, 5, true, 10, 50, 1e-4, chunk, 0);
    }

    /**
     * Runs LOCO as a worker does, then builds J_roi (and J_out when {@code nullSpace}) at the x_t it inverted to.
     */
    private static void assertMatchesGroundTruth(UNet2DModel model, DdimTrajectory trajectory, Tensor image,
                                                 Tensor mask, Loco.Options options, boolean nullSpace) {
        try (PointerScope job = new PointerScope()) {
            DirectionBasis basis = new Loco(model, trajectory, "test").discover(image, mask, options, StepListener.NONE);
            Tensor xt = new DdimPipeline(model, trajectory)
                    .invert(image, trajectory.levelNearest(options.tEdit()), StepListener.NONE).sample();

            UNet2DModel exactModel = ExplicitJacobian.inDouble(model);
            PosteriorMean f = new PosteriorMean(exactModel, trajectory.noiseSchedule());
            Tensor t = DdimLoop.timesteps(new DdimStep(basis.level(), trajectory.fractionalTimesteps(), 1f, 1f, 0),
                    xt);
            DifferentiableMap posteriorMean = x -> f.apply(x, t.expand(new long[] {x.size(0)}));
            long[] shape = xt.shape();
            Tensor roi = mask.to(torch.ScalarType.Double);

            List<String> judged = new ArrayList<>();
            ExplicitJacobian.Svd exactRoi = ExplicitJacobian.svd(
                    ExplicitJacobian.rows(posteriorMean, inDouble(xt), roi, shape, 64));
            ExplicitJacobian.leadingSubspaces(exactRoi, basis.rawVectors()).forEach(line -> judged.add("roi: " + line));
            for (int i = 0; i < 3; i++) {
                assertThat(basis.singularValues().get(i).item_double()).as("sigma %d", i)
                        .isCloseTo(exactRoi.value(i), org.assertj.core.data.Percentage.withPercentage(0.1));
            }
            if (nullSpace) {
                Tensor outside = roi.neg().add(new Scalar(1.0));
                ExplicitJacobian.Svd exactOut = ExplicitJacobian.svd(
                        ExplicitJacobian.rows(posteriorMean, inDouble(xt), outside, shape, 64));
                ExplicitJacobian.leadingSubspaces(exactOut, basis.nullBasis())
                        .forEach(line -> judged.add("null space: " + line));
            }
            assertJudgedAndRight(judged);
        }
    }

    /** At least one subspace had a clear gap to judge (else the test could not fail), and each judged was close. */
    private static void assertJudgedAndRight(List<String> judged) {
        System.out.println(String.join("\n", judged));
        assertThat(judged).isNotEmpty();
        assertThat(judged).noneMatch(line -> line.contains("FAIL"));
    }

    /** The encoder's skips and time embedding repeated for a batch of k h's, as JIVE's decoder map does. */
    private static UNet2DModel.Encoded batchOf(UNet2DModel.Encoded encoded, long k) {
        List<Tensor> skips = new ArrayList<>();
        for (Tensor skip : encoded.skips()) {
            skips.add(skip.expand(k, skip.size(1), skip.size(2), skip.size(3)));
        }
        return new UNet2DModel.Encoded(encoded.h(), skips, encoded.temb().expand(k, encoded.temb().size(1)));
    }

    private static Tensor inDouble(Tensor t) {
        return t.to(torch.ScalarType.Double);
    }

    /** A [1, 1, size, size] mask set on rows [top, bottom) and columns [left, right). */
    static Tensor rectangle(int size, int top, int bottom, int left, int right) {
        Tensor mask = torch.zeros(1, 1, size, size);
        mask.narrow(2, top, bottom - top).narrow(3, left, right - left).fill_(new Scalar(1.0));
        return mask;
    }
}
