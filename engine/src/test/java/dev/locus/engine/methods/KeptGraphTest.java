package dev.locus.engine.methods;

import static dev.locus.engine.methods.JacobianProductsTest.maxAbs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.methods.jacobian.MemoryBudget;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.torch.Randomness;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * J is taken at one point for a whole power method, so {@link JacobianProducts} builds the map's graph once and
 * runs every product through it: the products must be those of a fresh graph, and closing must free it.
 */
class KeptGraphTest {

    private final AnalyticSetup setup = new AnalyticSetup(11);
    private final Tensor point = setup.noisyPoint(5, 400);

    @Test
    void aPowerMethodRunsTheMapOnceForAllItsProducts() {
        AtomicInteger forwardPasses = new AtomicInteger();
        DifferentiableMap counted = countingForwardPasses(forwardPasses);
        try (JacobianProducts j = new JacobianProducts(counted, point, 8, MemoryBudget.unlimited())) {
            int beforeProducts = forwardPasses.get(); // the constructor's one pass, for the output shape
            PowerMethod.Result result = PowerMethod.topSingularVectors(j, new PowerMethod.Options(3, 6, 6, 0, 0),
                    "power-iteration", StepListener.NONE);
            assertThat(result.iterations()).isEqualTo(6);
            // 6 iterations of J v and u^T J and the Rayleigh-Ritz J v: 13 products, one forward pass
            assertThat(forwardPasses.get() - beforeProducts).isEqualTo(1);
        }
    }

    @Test
    void productsThroughTheKeptGraphAreThoseOfAGraphBuiltForThem() {
        Tensor v = Randomness.randn(Randomness.generator(7), 6, 64).to(torch.ScalarType.Double);
        Tensor u = Randomness.randn(Randomness.generator(8), 6, 64).to(torch.ScalarType.Double);
        try (JacobianProducts kept = products(setup.bottomMask, 6);
             JacobianProducts forJv = products(setup.bottomMask, 6);
             JacobianProducts forUj = products(setup.bottomMask, 6)) {
            Tensor first = kept.jvp(v);
            kept.vjp(u);
            Tensor again = kept.jvp(v);  // after a u^T J through the same graph
            Tensor fewer = kept.jvp(v.narrow(0, 1, 2)); // fewer vectors than the graph's rows: padded, then cut

            assertThat(maxAbs(first)).isGreaterThan(1e-3);
            assertThat(maxAbs(again.sub(first))).isZero();
            assertThat(maxAbs(forJv.jvp(v).sub(first))).isLessThan(1e-14);
            assertThat(fewer.size(0)).isEqualTo(2);
            assertThat(maxAbs(fewer.sub(first.narrow(0, 1, 2)))).isLessThan(1e-14);
            assertThat(maxAbs(kept.vjp(u).sub(forUj.vjp(u)))).isLessThan(1e-14);
        }
    }

    @Test
    void moreVectorsThanRowsRunInBalancedPassesThroughTheSameGraph() {
        AtomicInteger forwardPasses = new AtomicInteger();
        DifferentiableMap counted = countingForwardPasses(forwardPasses);
        Tensor v = Randomness.randn(Randomness.generator(9), 7, 64).to(torch.ScalarType.Double);
        try (JacobianProducts chunked = new JacobianProducts(counted, point, 3, MemoryBudget.unlimited());
             JacobianProducts whole = products(setup.topMask, 7)) {
            Tensor all = whole.jvp(v);
            forwardPasses.set(0);
            Tensor first = chunked.jvp(v);
            Tensor second = chunked.jvp(v);
            assertThat(chunked.chunkSize()).as("7 vectors in passes of 3, 3, 1 or of 3, 2, 2").isEqualTo(3);
            assertThat(forwardPasses.get()).as("forward passes for both products").isEqualTo(1);
            assertThat(maxAbs(first.sub(all))).isLessThan(1e-14);
            assertThat(maxAbs(second.sub(first))).isZero();
        }
    }

    @Test
    void rowsAreBalancedSoTheLastPassPadsLittle() {
        assertThat(JacobianProducts.balancedRows(50, 16)).as("4 passes: 13 rows, 52 in all, not 64").isEqualTo(13);
        assertThat(JacobianProducts.balancedRows(5, 4)).as("2 passes of 3, not 4 and 1 padded to 4").isEqualTo(3);
        assertThat(JacobianProducts.balancedRows(8, 8)).isEqualTo(8);
        assertThat(JacobianProducts.balancedRows(3, 16)).isEqualTo(3);
        assertThat(JacobianProducts.balancedRows(7, 1)).isEqualTo(1);
    }

    /** x [k, 1000] -> mean of tanh(x * w) over a [k, 1000, 20000] broadcast: tanh keeps its 80 MB output per row. */
    private static final DifferentiableMap HEAVY = batch -> batch.unsqueeze(2).mul(torch.ones(1, 1, 20_000)).tanh()
            .mean(new long[] {2}, false, new org.bytedeco.pytorch.ScalarTypeOptional());

    @Test
    void closingFreesTheGraphAtOnceInsideTheCallersScope() {
        assumeTrue(ProcessMemory.residentBytes() > 0, "needs /proc");
        try (PointerScope job = new PointerScope()) {
            Tensor x = Randomness.randn(Randomness.generator(1), 1, 1000);
            Tensor v = Randomness.randn(Randomness.generator(2), 4, 1000);
            JacobianProducts j = new JacobianProducts(HEAVY, x, 4, MemoryBudget.unlimited());
            long before = ProcessMemory.residentBytes();
            j.jvp(v);
            long held = ProcessMemory.residentBytes() - before;
            j.close();
            long afterClose = ProcessMemory.residentBytes() - before;
            // 4 rows of tanh's 80 MB output, at least; the job's scope is still open
            assertThat(held).as("RSS held by the kept graph").isGreaterThan(250L << 20);
            assertThat(afterClose).as("RSS left after close").isLessThan(held - (250L << 20));
        }
    }

    /** x -> top mask * f(x), counting its forward passes. */
    private DifferentiableMap countingForwardPasses(AtomicInteger forwardPasses) {
        PosteriorMean f = new PosteriorMean(setup.model, AnalyticSetup.SCHEDULE);
        return batch -> {
            forwardPasses.incrementAndGet();
            return f.apply(batch, steps(batch.size(0))).mul(setup.topMask);
        };
    }

    /** The masked posterior mean's products, without a budget: the rows do not depend on this machine's memory. */
    private JacobianProducts products(Tensor mask, int maxChunk) {
        PosteriorMean f = new PosteriorMean(setup.model, AnalyticSetup.SCHEDULE);
        return new JacobianProducts(batch -> f.apply(batch, steps(batch.size(0))).mul(mask), point, maxChunk,
                MemoryBudget.unlimited());
    }

    private static Tensor steps(long n) {
        return torch.full(new long[] {n}, new Scalar(400L), new TensorOptions(torch.ScalarType.Long));
    }
}
