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
}
