package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.methods.jacobian.MemoryBudget;
import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.torch.Randomness;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Batched Jacobian products split into chunks that fit a memory budget, with unchanged results. */
class MemoryBudgetTest {

    private static final long WIDE = 20_000;

    /**
     * x [k, 1000] -> tanh(x) summed over a [k, 1000, 20000] broadcast: each vector of a batch makes the pass
     * hold about 80 MB more, like a network's activations.
     */
    private static final DifferentiableMap HUNGRY = batch -> batch.tanh().unsqueeze(2)
            .mul(torch.ones(1, 1, WIDE)).sum(new long[] {2}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
            .div(new Scalar((double) WIDE));

    @Test
    void aBudgetBelowKVectorsSplitsTheProductAndKeepsItsResult() {
        assumeTrue(ProcessMemory.residentBytes() > 0, "needs /proc");
        Tensor point = Randomness.randn(Randomness.generator(1), 1, 1000);
        Tensor v = Randomness.randn(Randomness.generator(2), 6, 1000);

        JacobianProducts all = new JacobianProducts(HUNGRY, point, 6, MemoryBudget.unlimited());
        JacobianProducts budgeted = new JacobianProducts(HUNGRY, point, 6, MemoryBudget.parse("300m"));
        Tensor expected = all.jvp(v);
        Tensor actual = budgeted.jvp(v);

        assumeTrue(ProcessMemory.peakSince(() -> { }) >= 0, "needs a resettable peak RSS (Linux 4.0+)");
        assertThat(budgeted.chunkSize()).as("vectors per J v pass under 300 MB").isBetween(1, 3);
        assertThat(all.chunkSize()).isEqualTo(6);
        assertThat(actual.sub(expected).abs().max().item_double()).isLessThan(1e-6);
        // J is diagonal here: (1 - tanh(x)^2) v
        Tensor analytic = point.tanh().pow(new Scalar(2)).neg().add(new Scalar(1)).mul(v);
        assertThat(actual.sub(analytic).abs().max().item_double()).isLessThan(1e-5);
    }

    @Test
    void sizesReadAsAUserWritesThem() {
        assertThat(MemoryBudget.parse("8g").bytes()).isEqualTo(8L << 30);
        assertThat(MemoryBudget.parse("512M").bytes()).isEqualTo(512L << 20);
        assertThat(MemoryBudget.parse("1.5g").bytes()).isEqualTo(3L << 29);
        assertThat(MemoryBudget.parse("1048576").bytes()).isEqualTo(1L << 20);
        assertThatThrownBy(() -> MemoryBudget.parse("lots")).hasMessageContaining("'lots'").hasMessageContaining("8g");
        assertThatThrownBy(() -> MemoryBudget.parse("-1g")).hasMessageContaining("'-1g'");
    }

    @Test
    void chunksHoldAtLeastOneAndAtMostTheLargestAllowedVectors() {
        MemoryBudget budget = MemoryBudget.parse("1g");
        assertThat(budget.vectorsPerChunk(300L << 20, 16)).isEqualTo(3);
        assertThat(budget.vectorsPerChunk(4L << 30, 16)).isEqualTo(1);
        assertThat(budget.vectorsPerChunk(1L << 20, 16)).isEqualTo(16);
        assertThat(MemoryBudget.unlimited().vectorsPerChunk(4L << 30, 16)).isEqualTo(16);
    }
}
