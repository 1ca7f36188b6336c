package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.methods.jacobian.MemoryBudget;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Randomness;
import dev.locus.engine.torch.ReverseKernels;
import dev.locus.engine.torch.Scopes;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorTensorHook;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a host with a wrong oneDNN input-gradient kernel does to a discovery, simulated: a gradient hook inside the
 * map scrambles what a plain reverse pass carries back while oneDNN is enabled, as the faulty kernel did. J v (the
 * double backward) stays right, the forward pass stays right: only u^T J is wrong, so without a check the power
 * method converges, silently, to another subspace.
 */
class WrongReverseKernelTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");

    private final UNet2DLoader.Loaded fixture = UNet2DLoader.load(FIXTURE, ComputeDevice.cpu());
    private final PosteriorMean f = new PosteriorMean(fixture.model(),
            new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 10, 0).noiseSchedule());
    private final Tensor point = Randomness.randn(Randomness.generator(4), 1, 3, 16, 16);
    private final Tensor mask = PowerMethodGroundTruthTest.rectangle(16, 4, 8, 3, 13);
    /** Kept in a field and owned: a callback freed by a closing scope would be called after its death. */
    private final TensorTensorHook scrambler = Scopes.owned(new TensorTensorHook() {
        @Override
        public TensorBase call(TensorBase gradient) {
            Tensor g = new Tensor(gradient);
            boolean plainReversePass = !GradMode.is_enabled();
            boolean oneDnn = torch.globalContext().userEnabledMkldnn();
            return plainReversePass && oneDnn ? g.flip(3).mul(new Scalar(0.8)) : g;
        }
    });
    private final PowerMethod.Options options = new PowerMethod.Options(3, 10, 50, 1e-4, 0);

    @AfterEach
    void backToTheDefaultPolicy() {
        ReverseKernels.use(ReverseKernels.Policy.AUTO);
    }

    @Test
    void theScrambledReversePassWouldSteerThePowerMethodElsewhere() {
        // the simulation is real: with the same products but no check, the subspace found is far from the exact one
        ReverseKernels.use(ReverseKernels.Policy.AUTO);
        try (PointerScope scope = new PointerScope()) {
            List<String> judged = ExplicitJacobian.leadingSubspaces(exact(), powerMethodOnJtransposeJOf(this::wrongMap));
            assertThat(judged).anyMatch(line -> line.contains("FAIL"));
        }
    }

    @Test
    void theCheckCatchesItAndThePortableKernelsFindTheExactSubspace() {
        ReverseKernels.use(ReverseKernels.Policy.AUTO);
        try (PointerScope scope = new PointerScope();
             JacobianProducts jacobian = new JacobianProducts(this::wrongMap, point, 8, MemoryBudget.unlimited())) {
            PowerMethod.Result result = PowerMethod.topSingularVectors(jacobian, options, "roi", StepListener.NONE);

            assertThat(ReverseKernels.portable()).isTrue();
            List<String> judged = ExplicitJacobian.leadingSubspaces(exact(), result.vectors());
            assertThat(judged).isNotEmpty().noneMatch(line -> line.contains("FAIL"));
        }
    }

    @Test
    void withTheFastKernelsForcedTheDiscoveryFailsNamingTheContradiction() {
        ReverseKernels.use(ReverseKernels.Policy.FAST);
        try (PointerScope scope = new PointerScope();
             JacobianProducts jacobian = new JacobianProducts(this::wrongMap, point, 8, MemoryBudget.unlimited())) {
            assertThatThrownBy(() -> PowerMethod.topSingularVectors(jacobian, options, "roi", StepListener.NONE))
                    .isInstanceOf(NumericalFault.class)
                    .hasMessageContaining("<u, J v> and <u^T J, v> differ")
                    .hasMessageContaining("oneDNN");
            assertThat(ReverseKernels.portable()).isFalse();
        }
    }

    /** mask * f(x), whose reverse passes run through a hook that reverses the gradient's columns under oneDNN. */
    private Tensor wrongMap(Tensor batch) {
        Tensor scrambledOnTheWayBack = batch.mul(new Scalar(1.0));
        if (!scrambledOnTheWayBack.requires_grad()) {
            return rightMap(batch); // the pass that only measures the output's shape
        }
        scrambledOnTheWayBack.register_hook(scrambler);
        return rightMap(scrambledOnTheWayBack);
    }

    private Tensor rightMap(Tensor batch) {
        Tensor t = torch.full(new long[] {batch.size(0)}, new Scalar(500L), new TensorOptions(torch.ScalarType.Long));
        return f.apply(batch, t).mul(mask);
    }

    /** The power method run by hand on the wrong map's products, without any check: what today's code did. */
    private Tensor powerMethodOnJtransposeJOf(DifferentiableMap map) {
        Tensor x = point.detach().clone().requires_grad_(true);
        Tensor v = dev.locus.engine.torch.Linalg.orthonormalRows(Randomness.randn(Randomness.generator(0), 3, 768));
        for (int i = 0; i < 50; i++) {
            Tensor u = exactProducts(map, x, v);
            v = dev.locus.engine.torch.Linalg.svd(u).vh();
        }
        return v;
    }

    /** u^T J with u = J v for the rows of v, by plain autograd: J v by double backward, u^T J by one reverse pass. */
    private static Tensor exactProducts(DifferentiableMap map, Tensor x, Tensor v) {
        Tensor[] rows = new Tensor[(int) v.size(0)];
        for (int i = 0; i < rows.length; i++) {
            try (var grad = new org.bytedeco.pytorch.AutoGradMode(true)) {
                Tensor y = map.apply(x);
                Tensor dummy = torch.zeros_like(y).requires_grad_(true);
                Tensor g = grad(y, x, dummy, true);
                Tensor jv = grad(g, dummy, v.get(i).reshape(x.shape()), false);
                Tensor y2 = map.apply(x);
                rows[i] = grad(y2, x, jv, false).reshape(-1).detach();
            }
        }
        return torch.stack(new org.bytedeco.pytorch.TensorVector(rows), 0);
    }

    private static Tensor grad(Tensor of, Tensor wrt, Tensor cotangent, boolean createGraph) {
        var grads = torch.grad(new org.bytedeco.pytorch.TensorVector(of), new org.bytedeco.pytorch.TensorVector(wrt),
                new org.bytedeco.pytorch.TensorVector(cotangent), new org.bytedeco.pytorch.BoolOptional(true),
                createGraph, false);
        return new Tensor(grads.get(0));
    }

    private ExplicitJacobian.Svd exact() {
        return ExplicitJacobian.svd(ExplicitJacobian.rows(this::rightMap, point, mask, new long[] {1, 3, 16, 16}, 64));
    }
}
