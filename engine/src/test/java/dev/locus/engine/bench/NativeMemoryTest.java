package dev.locus.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.locus.engine.api.Method;
import dev.locus.engine.api.Schedule;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.methods.PowerMethod;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.EditPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.torch.Randomness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Long-running workers must not grow. A worker runs each job inside one PointerScope, which frees only when the job
 * ends, so every loop of a job must free each step's tensors itself: these tests run the loops the same way, in one
 * outer scope, and count the native handles JavaCPP still tracks (exact: a leak of one small tensor a step shows)
 * and the process RSS (a leak of activations shows).
 */
class NativeMemoryTest {

    static final Path MODEL = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");

    @Test
    void inversionAndSamplingInsideOneScopeFreeEachStep() {
        assumeTrue(ProcessMemory.residentBytes() > 0, "needs /proc/self/status");
        UNet2DModel model = UNet2DLoader.load(MODEL, ComputeDevice.cpu()).model();
        DdimPipeline pipeline = new DdimPipeline(model, new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 250, 0));
        try (PointerScope job = new PointerScope()) {
            Tensor image = Randomness.randn(Randomness.generator(1), 2, 3, 16, 16).clamp(
                    new org.bytedeco.pytorch.ScalarOptional(new Scalar(-1)),
                    new org.bytedeco.pytorch.ScalarOptional(new Scalar(1)));
            roundTrip(pipeline, image); // settle the allocator
            long before = ProcessMemory.residentBytes();
            long handlesBefore = Pointer.totalCount();
            roundTrip(pipeline, image);
            long handles = Pointer.totalCount() - handlesBefore;
            long after = ProcessMemory.residentBytes();
            // a step that left one tensor to the job's scope would leave 500
            assertThat(handles).as("native handles left after 500 steps").isLessThan(20);
            // 500 forward passes at about 0.8 MB of activations each: kept until the scope closes, 400 MB. The bound
            // leaves room for the Java heap and malloc arenas, which have grown by up to 57 MB here (CI, 2 cores).
            assertThat(after - before).as("RSS growth over 250 inversion and 250 sampling steps").isLessThan(160L << 20);
        }
    }

    @Test
    void powerIterationsInsideOneScopeFreeEachIteration() {
        assumeTrue(ProcessMemory.residentBytes() > 0, "needs /proc/self/status");
        UNet2DModel model = UNet2DLoader.load(MODEL, ComputeDevice.cpu()).model();
        PosteriorMean f = new PosteriorMean(model, dev.locus.engine.schedulers.BetaSchedules.fromConfig(SchedulerConfig.ddpmDefault()));
        try (PointerScope job = new PointerScope()) {
            Tensor xt = Randomness.randn(Randomness.generator(2), 1, 3, 16, 16);
            JacobianProducts jacobian = new JacobianProducts(batch -> f.apply(batch, torch.full(
                    new long[] {batch.size(0)}, new Scalar(500L), new TensorOptions(torch.ScalarType.Long))), xt, 4);
            PowerMethod.topSingularVectors(jacobian, new PowerMethod.Options(4, 5, 5, 0, 0), "settle", StepListener.NONE);
            long before = ProcessMemory.residentBytes();
            long handlesBefore = Pointer.totalCount();
            PowerMethod.Result result = PowerMethod.topSingularVectors(jacobian,
                    new PowerMethod.Options(4, 60, 60, 0, 0), "power-iteration", StepListener.NONE);
            long handles = Pointer.totalCount() - handlesBefore;
            long after = ProcessMemory.residentBytes();
            assertThat(handles).as("native handles left after 60 iterations").isLessThan(20);
            assertThat(result.iterations()).isEqualTo(60);
            // each iteration runs J v and u^T J for 4 vectors, a double backward: several MB of graph and activations
            // per iteration, kept, several hundred MB over 60
            assertThat(after - before).as("RSS growth over 60 power iterations").isLessThan(120L << 20);
        }
    }

    @Test
    void anEditWithBothKindsOfDirectionInsideOneScopeFreesEachStep() {
        assumeTrue(ProcessMemory.residentBytes() > 0, "needs /proc/self/status");
        UNet2DLoader.Loaded loaded = UNet2DLoader.load(MODEL, ComputeDevice.cpu());
        DiffusersDdimTrajectory trajectory = new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 200, 0);
        EditPipeline edits = new EditPipeline(loaded.model(), loaded.fingerprint(), trajectory);
        try (PointerScope job = new PointerScope()) {
            Tensor image = Randomness.randn(Randomness.generator(3), 1, 3, 16, 16).tanh();
            double level = trajectory.levelNearest(0.6);
            Tensor h;
            try (var noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
                h = loaded.model().encode(image, torch.full(new long[] {1}, new Scalar((long) level),
                        new TensorOptions(torch.ScalarType.Long))).h();
            }
            DirectionBasis inXt = basis(Method.LOCO, Randomness.randn(Randomness.generator(4), 1, 3, 16, 16), level, loaded);
            DirectionBasis inH = basis(Method.JIVE, Randomness.randn(Randomness.generator(5), h.shape()), level, loaded);
            List<List<EditPipeline.Term>> rows = List.of(List.of(new EditPipeline.Term(inXt, 0, 0.5),
                    new EditPipeline.Term(inH, 0, 0.5)), List.of());
            edits.apply(image, rows, 0, StepListener.NONE); // settle the allocator
            long handlesBefore = Pointer.totalCount();
            edits.apply(image, rows, 0, StepListener.NONE);
            long handles = Pointer.totalCount() - handlesBefore;
            // 200 inversion and 200 sampling steps: one tensor a step left to the job's scope would leave 400
            assertThat(handles).as("native handles left by one edit").isLessThan(20);
        }
    }

    private static DirectionBasis basis(Method method, Tensor vectors, double level, UNet2DLoader.Loaded loaded) {
        return new DirectionBasis(method, vectors, vectors, torch.ones(1), null, null, List.of("test/0"),
                Map.of(), loaded.fingerprint(), level, Schedule.ddim(Schedule.Spacing.LEADING, 200, 0), "m", "s");
    }

    private static void roundTrip(DdimPipeline pipeline, Tensor image) {
        DdimPipeline.Latent noise = pipeline.invert(image, pipeline.trajectory().topLevel(), StepListener.NONE);
        pipeline.denoise(noise, null, StepListener.NONE);
    }
}
