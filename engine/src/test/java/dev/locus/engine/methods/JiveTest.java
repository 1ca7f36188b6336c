package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.locus.engine.torch.Linalg;
import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.torch.Randomness;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Iterative JIVE recovers planted joint and individual row spaces. */
class JiveTest {

    private static final int D = 60;
    private static final int JOINT = 3;
    private static final int INDIVIDUAL = 2;

    @Test
    void recoversPlantedJointAndIndividualRowSpaces() {
        Generator g = Randomness.generator(42);
        // Orthonormal rows: 3 joint, then 2 individual for each of 3 matrices, all orthogonal.
        Tensor basis = Linalg.orthonormalRows(Randomness.randn(g, JOINT + 3 * INDIVIDUAL, D).to(torch.ScalarType.Double));
        Tensor joint = basis.narrow(0, 0, JOINT);
        List<Tensor> planted = new ArrayList<>();
        List<Tensor> matrices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Tensor own = basis.narrow(0, JOINT + i * INDIVIDUAL, INDIVIDUAL);
            planted.add(own);
            Tensor scoresJoint = Randomness.randn(g, 20, JOINT).to(torch.ScalarType.Double).mul(new Scalar(5));
            Tensor scoresOwn = Randomness.randn(g, 20, INDIVIDUAL).to(torch.ScalarType.Double).mul(new Scalar(3));
            Tensor noise = Randomness.randn(g, 20, D).to(torch.ScalarType.Double).mul(new Scalar(0.01));
            matrices.add(scoresJoint.matmul(joint).add(scoresOwn.matmul(own)).add(noise));
        }
        Jive.Result result = Jive.decompose(matrices, JOINT, INDIVIDUAL, 200, 1e-9);

        assertThat(Math.toDegrees(Linalg.largestPrincipalAngle(result.jointRows(), joint))).isLessThan(1.0);
        for (int i = 0; i < 3; i++) {
            assertThat(Math.toDegrees(Linalg.largestPrincipalAngle(result.individualRows().get(i), planted.get(i))))
                    .as("individual %d", i).isLessThan(1.0);
            Tensor overlap = result.individualRows().get(i).matmul(result.jointRows().t());
            assertThat(overlap.abs().max().item_double()).isLessThan(1e-9);
        }
        assertThat(result.lastChange()).isLessThan(1e-6);
        // signed by convention, so +alpha is one edit wherever it was found: largest-magnitude entries positive
        List<Tensor> rows = new ArrayList<>(result.individualRows());
        rows.add(result.jointRows());
        for (Tensor r : rows) {
            Tensor largest = r.gather(1, r.abs().argmax(new org.bytedeco.pytorch.LongOptional(1), true));
            assertThat(largest.min().item_double()).isPositive();
        }
    }

    @Test
    void withoutAJointPartEverythingIsIndividual() {
        Generator g = Randomness.generator(7);
        Tensor basis = Linalg.orthonormalRows(Randomness.randn(g, 4, D).to(torch.ScalarType.Double));
        List<Tensor> matrices = List.of(
                Randomness.randn(g, 10, 2).to(torch.ScalarType.Double).matmul(basis.narrow(0, 0, 2)),
                Randomness.randn(g, 10, 2).to(torch.ScalarType.Double).matmul(basis.narrow(0, 2, 2)));
        Jive.Result result = Jive.decompose(matrices, 0, 2, 50, 1e-9);
        assertThat(Math.toDegrees(Linalg.largestPrincipalAngle(result.individualRows().get(0), basis.narrow(0, 0, 2))))
                .isLessThan(1e-3);
        assertThat(Math.toDegrees(Linalg.largestPrincipalAngle(result.individualRows().get(1), basis.narrow(0, 2, 2))))
                .isLessThan(1e-3);
    }

    /** The direction worker runs a whole discovery in one PointerScope: JIVE's iterations must free their own. */
    @Test
    void iterationsInsideOneScopeDoNotAccumulateMemory() {
        long start = ProcessMemory.residentBytes();
        assumeTrue(start > 0, "needs /proc/self/status");
        Generator g = Randomness.generator(3);
        try (PointerScope scope = new PointerScope()) {
            List<Tensor> matrices = List.of(Randomness.randn(g, 50, 4096), Randomness.randn(g, 50, 4096),
                    Randomness.randn(g, 50, 4096));
            Jive.decompose(matrices, 30, 5, 3, 0); // settle the allocator
            long before = ProcessMemory.residentBytes();
            Jive.Result result = Jive.decompose(matrices, 30, 5, 40, 0);
            long after = ProcessMemory.residentBytes();
            assertThat(result.iterations()).isEqualTo(40);
            // each iteration makes about 12 MB of temporaries (SVDs of [150, 4096] and [50, 4096], fits, residuals):
            // kept, 40 iterations would hold about 480 MB
            assertThat(after - before).as("RSS growth in bytes over 40 iterations").isLessThan(150L << 20);
        }
    }
}
