package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.torch.Linalg;
import dev.locus.engine.torch.Randomness;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** J v and u^T J on the analytic model, against each other, a dense Jacobian and central differences. */
class JacobianProductsTest {

    private final AnalyticSetup setup = new AnalyticSetup(11);
    private final Tensor point = setup.noisyPoint(5, 400);

    @Test
    void jvpAndVjpAreTheSameDenseJacobian() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 400, setup.topMask, 64);
        Tensor fromVjp = j.vjp(AnalyticSetup.identity(64));        // rows: e_i^T J, i.e. J
        Tensor fromJvp = j.jvp(AnalyticSetup.identity(64)).t();   // columns: J e_j
        assertThat(maxAbs(fromVjp.sub(fromJvp))).isLessThan(1e-10);
        assertThat(maxAbs(fromVjp)).isGreaterThan(1e-2);
    }

    @Test
    void jvpAgreesWithCentralDifferences() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 400, setup.topMask, 8);
        Tensor v = Randomness.randn(Randomness.generator(3), 4, 64).to(torch.ScalarType.Double);
        Tensor exact = j.jvp(v);
        Tensor differences = centralDifferences(v, 1e-5);
        assertThat(maxAbs(exact.sub(differences)) / maxAbs(exact)).isLessThan(1e-7);
    }

    @Test
    void theProductsAreAdjoint() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 400, setup.bottomMask, 8);
        Tensor v = Randomness.randn(Randomness.generator(4), 3, 64).to(torch.ScalarType.Double);
        Tensor u = Randomness.randn(Randomness.generator(5), 3, 64).to(torch.ScalarType.Double);
        Tensor uJv = u.mul(j.jvp(v)).sum(new long[] {1}, false, null);
        Tensor uJ_v = j.vjp(u).mul(v).sum(new long[] {1}, false, null);
        assertThat(maxAbs(uJv.sub(uJ_v))).isLessThan(1e-12);
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        Tensor v = Randomness.randn(Randomness.generator(6), 10, 64).to(torch.ScalarType.Double);
        Tensor whole = setup.maskedPosteriorMean(point, 400, setup.topMask, 10).jvp(v);
        Tensor chunked = setup.maskedPosteriorMean(point, 400, setup.topMask, 3).jvp(v);
        assertThat(maxAbs(whole.sub(chunked))).isLessThan(1e-12);
    }

    @Test
    void theJacobianRankIsAtMostTheSumOfComponentRanks() {
        JacobianProducts j = setup.maskedPosteriorMean(point, 400, torch.ones(1, 1, 8, 8).to(torch.ScalarType.Double), 64);
        Tensor dense = j.vjp(AnalyticSetup.identity(64));
        Tensor sigma = Linalg.svd(dense).s();
        double largest = sigma.get(0).item_double();
        assertThat(sigma.get(5).item_double() / largest).isGreaterThan(1e-6);
        assertThat(sigma.get(6).item_double() / largest).isLessThan(1e-8);
    }

    private Tensor centralDifferences(Tensor v, double h) {
        PosteriorMean f = new PosteriorMean(setup.model, AnalyticSetup.SCHEDULE);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            long k = v.size(0);
            Tensor t = torch.full(new long[] {k}, new Scalar(400L), new TensorOptions(torch.ScalarType.Long));
            Tensor shift = v.reshape(k, 1, 8, 8).mul(new Scalar(h));
            Tensor base = point.expand(k, 1, 8, 8);
            Tensor plus = f.apply(base.add(shift), t).mul(setup.topMask);
            Tensor minus = f.apply(base.sub(shift), t).mul(setup.topMask);
            return plus.sub(minus).div(new Scalar(2 * h)).reshape(k, -1);
        }
    }

    static double maxAbs(Tensor t) {
        return t.abs().max().item_double();
    }
}
