package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.torch.Linalg;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The power method against a dense SVD of the same Jacobian. */
class PowerMethodTest {

    private final AnalyticSetup setup = new AnalyticSetup(21);
    private final Tensor point = setup.noisyPoint(8, 300);

    @Test
    void recoversTheTopSubspaceWithinOneDegree() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 300, setup.topMask, 16);
        // The top-half component has rank 3, so J_roi has three leading singular values that may
        // be (nearly) equal: compare the whole 3-dimensional subspace, which is well defined.
        PowerMethod.Result result = PowerMethod.topSingularVectors(j, new PowerMethod.Options(3, 5, 200, 1e-9, 1),
                "test", (phase, i, n) -> {});
        Linalg.Svd dense = Linalg.svd(j.vjp(AnalyticSetup.identity(64)));
        assertThat(dense.s().get(3).item_double()).isLessThan(0.5 * dense.s().get(2).item_double());
        Tensor truth = dense.vh().narrow(0, 0, 3);
        double degrees = Math.toDegrees(Linalg.largestPrincipalAngle(result.vectors(), truth));
        assertThat(degrees).isLessThan(1.0);
        for (int i = 0; i < 3; i++) {
            assertThat(result.singularValues().get(i).item_double())
                    .isCloseTo(dense.s().get(i).item_double(), org.assertj.core.data.Percentage.withPercentage(0.1));
        }
        // left vectors are unit and orthogonal
        Tensor gram = result.leftVectors().matmul(result.leftVectors().t());
        assertThat(JacobianProductsTest.maxAbs(gram.sub(AnalyticSetup.identity(3)))).isLessThan(1e-6);
    }

    @Test
    void stoppedBeforeConvergenceItStillReturnsSingularTripletsOfItsSubspace() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 300, setup.topMask, 16);
        // rank 5 on three dominant values, 2 iterations: the subspace has not settled
        PowerMethod.Result result = PowerMethod.topSingularVectors(j, new PowerMethod.Options(5, 2, 2, 0, 1),
                "test", (phase, i, n) -> {});
        assertThat(result.lastAngle()).isGreaterThan(1e-3);

        Tensor gram = result.leftVectors().matmul(result.leftVectors().t());
        assertThat(JacobianProductsTest.maxAbs(gram.sub(AnalyticSetup.identity(5)))).isLessThan(1e-5);
        // J v_i = sigma_i u_i, row by row, in the order of decreasing sigma
        Tensor jv = j.jvp(result.vectors());
        Tensor sigmaU = result.leftVectors().mul(result.singularValues().unsqueeze(1));
        assertThat(JacobianProductsTest.maxAbs(jv.sub(sigmaU)))
                .isLessThan(1e-4 * result.singularValues().get(0).item_double());
        for (int i = 1; i < 5; i++) {
            assertThat(result.singularValues().get(i).item_double())
                    .isLessThanOrEqualTo(result.singularValues().get(i - 1).item_double());
        }
    }

    @Test
    void stoppingOnSingularValuesEndsOnceTheValuesSettle() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 300, setup.topMask, 16);
        // rank 5 on a Jacobian with three dominant values: the last two vectors settle slowly, the values fast
        PowerMethod.Result result = PowerMethod.topSingularVectors(j,
                new PowerMethod.Options(5, 2, 200, 1e-6, 1, PowerMethod.Stop.SINGULAR_VALUES), "test", (phase, i, n) -> {});
        Linalg.Svd dense = Linalg.svd(j.vjp(AnalyticSetup.identity(64)));
        assertThat(result.iterations()).isLessThan(200);
        for (int i = 0; i < 3; i++) {
            assertThat(result.singularValues().get(i).item_double())
                    .isCloseTo(dense.s().get(i).item_double(), org.assertj.core.data.Percentage.withPercentage(0.1));
        }
    }

    @Test
    void reportsProgressAndCanBeCancelledBetweenIterations() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 300, setup.topMask, 16);
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> PowerMethod.topSingularVectors(j, new PowerMethod.Options(2, 10, 50, 1e-12, 1), "roi",
                (phase, i, n) -> {
                    seen.add(i);
                    if (i == 3) {
                        throw new CancellationException("cancelled by user");
                    }
                })).isInstanceOf(CancellationException.class);
        assertThat(seen).containsExactly(1, 2, 3);
    }

    @Test
    void sameSeedSameResult() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 300, setup.topMask, 16);
        var options = new PowerMethod.Options(2, 3, 3, 0, 7);
        Tensor a = PowerMethod.topSingularVectors(j, options, "a", (p, i, n) -> {}).vectors();
        Tensor b = PowerMethod.topSingularVectors(j, options, "b", (p, i, n) -> {}).vectors();
        assertThat(JacobianProductsTest.maxAbs(a.sub(b))).isZero();
    }

    @Test
    void aStrengthMeansTheSameEditWhateverTheSeed() {
        // J = diag(5, 4, 3, 2, 1, 0.1, ...) rotated: distinct values, so each singular vector is fixed up to its sign
        Tensor rotation = Linalg.orthonormalRows(dev.locus.engine.torch.Randomness.randn(
                dev.locus.engine.torch.Randomness.generator(3), 12, 12));
        Tensor values = org.bytedeco.pytorch.global.torch.tensor(new float[] {5, 4, 3, 2, 1, .1f, .1f, .1f, .1f, .1f, .1f, .1f});
        Tensor matrix = rotation.t().mul(values).matmul(rotation);
        JacobianProducts j = new JacobianProducts(batch -> batch.matmul(matrix.t()),
                org.bytedeco.pytorch.global.torch.zeros(1, 12), 8);

        Tensor first = PowerMethod.topSingularVectors(j, new PowerMethod.Options(3, 30, 200, 1e-9, 1), "a",
                (p, i, n) -> {}).vectors();
        for (long seed = 2; seed <= 6; seed++) {
            Tensor other = PowerMethod.topSingularVectors(j, new PowerMethod.Options(3, 30, 200, 1e-9, seed), "b",
                    (p, i, n) -> {}).vectors();
            assertThat(JacobianProductsTest.maxAbs(other.sub(first))).as("seed %d", seed).isLessThan(1e-4);
        }
        // the convention: each vector's largest-magnitude entry is positive
        Tensor largest = first.gather(1, first.abs().argmax(new org.bytedeco.pytorch.LongOptional(1), true));
        assertThat(largest.min().item_double()).isPositive();
    }
}
