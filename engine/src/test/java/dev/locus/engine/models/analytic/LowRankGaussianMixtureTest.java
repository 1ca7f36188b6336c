package dev.locus.engine.models.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.pytorch.global.torch.ScalarType.Double;
import static org.bytedeco.pytorch.global.torch.ScalarType.Float;

import dev.locus.engine.schedulers.NoiseSchedule;
import java.util.List;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class LowRankGaussianMixtureTest {

    private static final NoiseSchedule SCHEDULE = TestSchedules.linearDdpm();
    private static final long[] TINY_SHAPE = {3, 2, 2};    // d = 12
    private static final long[] SMALL_SHAPE = {3, 8, 8};   // d = 192

    // ------------------------------------------------------------ (a) exact against dense Bayes

    @Test
    void posteriorMeanMatchesDenseBayesOnTinyMixture() {
        var orthogonal = LowRankGaussianMixture.random(11, TINY_SHAPE, new int[] {2, 3}, SCHEDULE);
        assertMatchesDenseBayes(orthogonal);
    }

    @Test
    void posteriorMeanMatchesDenseBayesWithUnequalWeightsAndOverlappingSubspaces() {
        // Independent draws: the two subspaces are not orthogonal, and the weights are unequal;
        // the closed form must still be the exact posterior mean.
        Generator generator = torch.createCPUGenerator(5);
        List<Tensor> bases = List.of(
                torch.linalg_qr(randn(generator, 12, 2)).get0(),
                torch.linalg_qr(randn(generator, 12, 3)).get0());
        var mixture = new LowRankGaussianMixture(SCHEDULE, TINY_SHAPE, bases, new double[] {0.25, 0.75});
        assertMatchesDenseBayes(mixture);
    }

    private static void assertMatchesDenseBayes(LowRankGaussianMixture model) {
        long[] steps = {0, 50, 300, 650, 999};
        Tensor xt = noisySamples(model, steps, 21);
        Tensor timesteps = torch.tensor(steps);

        Tensor mean = model.posteriorMean(xt, timesteps);
        Tensor responsibilities = model.responsibilities(xt, timesteps);
        Tensor logDensity = model.logDensity(xt, timesteps);

        long d = model.dimension();
        for (int b = 0; b < steps.length; b++) {
            double abar = SCHEDULE.alphaBar(steps[b]);
            Tensor x = xt.get(b).reshape(d, 1);
            int componentCount = model.componentCount();
            Tensor logJoint = torch.zeros(new long[] {componentCount}, new TensorOptions(Double));
            Tensor[] componentMeans = new Tensor[componentCount];
            for (int k = 0; k < componentCount; k++) {
                Tensor basis = model.basis(k);
                Tensor sigma = basis.matmul(basis.t());
                Tensor covariance = sigma.mul(new Scalar(abar)).add(eye(d).mul(new Scalar(1 - abar)));
                Tensor solved = torch.linalg_solve(covariance, x);
                double quadratic = x.t().matmul(solved).item_double();
                double logDet = torch.logdet(covariance).item_double();
                logJoint.get(k).fill_(new Scalar(Math.log(model.weights()[k]) - 0.5 * quadratic
                        - 0.5 * logDet - 0.5 * d * Math.log(2 * Math.PI)));
                componentMeans[k] = sigma.matmul(solved).mul(new Scalar(Math.sqrt(abar)));
            }
            Tensor denseWeights = torch.softmax(logJoint, 0);
            Tensor denseMean = torch.zeros(new long[] {d, 1}, new TensorOptions(Double));
            for (int k = 0; k < componentCount; k++) {
                denseMean = denseMean.add(componentMeans[k].mul(new Scalar(denseWeights.get(k).item_double())));
            }

            assertThat(maxAbs(mean.get(b).reshape(d, 1), denseMean)).as("mean, t=%d", steps[b]).isLessThan(1e-10);
            assertThat(maxAbs(responsibilities.get(b), denseWeights)).as("weights, t=%d", steps[b]).isLessThan(1e-10);
            assertThat(Math.abs(logDensity.get(b).item_double() - torch.logsumexp(logJoint, 0).item_double()))
                    .as("log p_t, t=%d", steps[b]).isLessThan(1e-9);
        }
    }

    // ------------------------------------------------------------ (b) one component

    @Test
    void singleComponentPosteriorMeanIsScaledProjectionOntoTheSubspace() {
        var model = LowRankGaussianMixture.random(3, SMALL_SHAPE, new int[] {5}, SCHEDULE);
        Tensor basis = model.basis(0);
        long[] steps = {10, 400, 900};
        Tensor xt = randn(torch.createCPUGenerator(8), 3, 192).reshape(3, 3, 8, 8);

        Tensor mean = model.posteriorMean(xt, torch.tensor(steps)).reshape(3, 192);

        for (int b = 0; b < steps.length; b++) {
            // E[x0|x_t] = sqrt(abar) U U^T x_t: for one component abar/(abar + 1 - abar) = 1.
            Tensor x = xt.get(b).reshape(192, 1);
            Tensor expected = basis.matmul(basis.t().matmul(x)).mul(new Scalar(Math.sqrt(SCHEDULE.alphaBar(steps[b]))));
            Tensor offSubspace = mean.get(b).reshape(192, 1).sub(basis.matmul(basis.t().matmul(mean.get(b).reshape(192, 1))));
            assertThat(maxAbs(mean.get(b).reshape(192, 1), expected)).isLessThan(1e-12);
            assertThat(offSubspace.abs().max().item_double()).isLessThan(1e-12);
        }
        assertThat(maxAbs(model.responsibilities(xt, torch.tensor(steps)), torch.ones(3, 1).to(Double))).isEqualTo(0.0);

        // float32 in, float32 out, agreeing with the float64 answer to float32 accuracy.
        Tensor meanFloat = model.posteriorMean(xt.to(Float), torch.tensor(steps));
        assertThat(meanFloat.scalar_type().intern()).isEqualTo(Float);
        assertThat(maxAbs(meanFloat.to(Double).reshape(3, 192), mean)).isLessThan(1e-5);
    }

    // ------------------------------------------------------------ (c) Jacobian: rank and subspace

    @Test
    void jacobianHasRankAtMostTotalRankAndMatchesLemma2() {
        var model = LowRankGaussianMixture.random(17, SMALL_SHAPE, new int[] {2, 3, 4}, SCHEDULE);
        int totalRank = model.totalRank();
        Tensor stacked = model.stackedBasis();
        Tensor outside = eye(192).sub(stacked.matmul(stacked.t()));

        for (long t : new long[] {200, 500, 800}) {
            Tensor xt = noisySamples(model, new long[] {t}, 100 + t);
            Tensor jacobian = denseJacobian(model, xt, t);
            Tensor singularValues = torch.linalg_svdvals(jacobian);
            double largest = singularValues.get(0).item_double();

            assertThat(singularValues.get(totalRank).item_double() / largest).as("t=%d", t).isLessThan(1e-6);
            // Theorem 1's proof: J = P_M J, the range lies in span(M_1..M_K).
            assertThat(outside.matmul(jacobian).abs().max().item_double() / largest).isLessThan(1e-12);
            // Lemma 3: symmetric.
            assertThat(maxAbs(jacobian, jacobian.t()) / largest).isLessThan(1e-12);
            // Lemma 2's closed form.
            assertThat(maxAbs(jacobian, lemma2Jacobian(model, xt, t)) / largest).isLessThan(1e-10);
        }
    }

    @Test
    void topSingularSubspaceOfJacobianIsTheUnionOfSubspacesAtHighNoise() {
        // Theorem 1, third property: as t -> T the top-r left singular vectors span M.
        var model = LowRankGaussianMixture.random(23, SMALL_SHAPE, new int[] {2, 3, 4}, SCHEDULE);
        Tensor xt = noisySamples(model, new long[] {999}, 7);
        Tensor jacobian = denseJacobian(model, xt, 999);
        Tensor leftVectors = torch.linalg_svd(jacobian, false, new StringViewOptional()).get0()
                .narrow(1, 0, model.totalRank());
        Tensor stacked = model.stackedBasis();
        Tensor residual = stacked.sub(leftVectors.matmul(leftVectors.t().matmul(stacked)));
        assertThat(residual.norm().item_double()).isLessThan(1e-8);
    }

    @Test
    void doubleBackwardGivesJacobianVectorProductsAndSecondDerivatives() {
        var model = LowRankGaussianMixture.random(29, SMALL_SHAPE, new int[] {2, 3, 4}, SCHEDULE);
        long t = 450;
        Tensor xt = noisySamples(model, new long[] {t}, 31);
        Generator generator = torch.createCPUGenerator(37);
        Tensor v = randn(generator, 1, 192).reshape(1, 3, 8, 8);
        Tensor u = randn(generator, 1, 192).reshape(1, 3, 8, 8);
        Tensor direction = randn(generator, 1, 192).reshape(1, 3, 8, 8);

        // J v by the double-backward trick: J^T w is linear in w, and d<J^T w, v>/dw = J v.
        Tensor x = xt.clone().requires_grad_(true);
        Tensor y = model.posteriorMean(x, torch.tensor(t));
        Tensor w = torch.zeros_like(y).requires_grad_(true);
        Tensor jtw = torch.grad(new TensorVector(y), new TensorVector(x), new TensorVector(w),
                new BoolOptional(true), true, false).get(0);
        Tensor jv = torch.grad(new TensorVector(jtw), new TensorVector(w), new TensorVector(v),
                new BoolOptional(false), false, false).get(0);
        Tensor dense = denseJacobian(model, xt, t);
        assertThat(maxAbs(jv.reshape(192, 1), dense.matmul(v.reshape(192, 1)))).isLessThan(1e-10);

        // A true second derivative: d/dx of u^T J(x) v, against central differences of J.
        Tensor x2 = xt.clone().requires_grad_(true);
        Tensor y2 = model.posteriorMean(x2, torch.tensor(t));
        Tensor jtu = torch.grad(new TensorVector(y2), new TensorVector(x2), new TensorVector(u),
                new BoolOptional(true), true, false).get(0);
        Tensor curvature = torch.grad(new TensorVector(jtu), new TensorVector(x2), new TensorVector(v),
                new BoolOptional(false), false, false).get(0);
        double analytic = curvature.mul(direction).sum().item_double();
        double h = 1e-4;
        double plus = bilinear(denseJacobian(model, xt.add(direction.mul(new Scalar(h))), t), u, v);
        double minus = bilinear(denseJacobian(model, xt.sub(direction.mul(new Scalar(h))), t), u, v);
        double finiteDifference = (plus - minus) / (2 * h);
        assertThat(Math.abs(analytic - finiteDifference)).isLessThan(1e-6 * Math.max(1.0, Math.abs(analytic)));
    }

    // ------------------------------------------------------------ (d) eps and the PMP agree

    @Test
    void predictNoiseReproducesPosteriorMeanThroughThePmp() {
        var model = LowRankGaussianMixture.random(41, SMALL_SHAPE, new int[] {2, 3, 4}, SCHEDULE);
        long[] steps = {1, 100, 500, 900, 999};
        Tensor xt = noisySamples(model, steps, 43);
        Tensor timesteps = torch.tensor(steps);
        Tensor abar = SCHEDULE.alphaBarBroadcast(timesteps, 4).to(Double);

        Tensor eps = model.predictNoise(xt, timesteps);
        Tensor pmp = xt.sub(eps.mul(abar.neg().add(new Scalar(1.0)).sqrt())).div(abar.sqrt());
        assertThat(new long[] {eps.size(0), eps.size(1), eps.size(2), eps.size(3)}).containsExactly(5, 3, 8, 8);
        assertThat(maxAbs(pmp, model.posteriorMean(xt, timesteps))).isLessThan(1e-12);

        // float32 at moderate noise (dividing by sqrt(abar) ~ 0.006 at t = 999 amplifies rounding).
        Tensor xtFloat = xt.narrow(0, 1, 2).to(Float);
        Tensor midSteps = timesteps.narrow(0, 1, 2);
        Tensor abarFloat = SCHEDULE.alphaBarBroadcast(midSteps, 4);
        Tensor epsFloat = model.predictNoise(xtFloat, midSteps);
        Tensor pmpFloat = xtFloat.sub(epsFloat.mul(abarFloat.neg().add(new Scalar(1.0)).sqrt())).div(abarFloat.sqrt());
        assertThat(epsFloat.scalar_type().intern()).isEqualTo(Float);
        assertThat(maxAbs(pmpFloat.to(Double), model.posteriorMean(xt.narrow(0, 1, 2), midSteps))).isLessThan(1e-4);
    }

    @Test
    void posteriorMeanSatisfiesTweediesFormulaWithTheScoreOfLogDensity() {
        var model = LowRankGaussianMixture.random(47, SMALL_SHAPE, new int[] {2, 3, 4}, SCHEDULE);
        long[] steps = {30, 300, 700};
        Tensor xt = noisySamples(model, steps, 53);
        Tensor timesteps = torch.tensor(steps);
        Tensor abar = SCHEDULE.alphaBarBroadcast(timesteps, 4).to(Double);

        Tensor x = xt.clone().requires_grad_(true);
        Tensor score = torch.grad(new TensorVector(model.logDensity(x, timesteps).sum()), new TensorVector(x)).get(0);
        Tensor tweedie = xt.add(score.mul(abar.neg().add(new Scalar(1.0)))).div(abar.sqrt());
        assertThat(maxAbs(tweedie, model.posteriorMean(xt, timesteps))).isLessThan(1e-10);
    }

    // ------------------------------------------------------------ (e) low noise returns the point

    @Test
    void posteriorMeanReturnsAPointOnASubspaceAsNoiseVanishes() {
        var model = LowRankGaussianMixture.random(59, SMALL_SHAPE, new int[] {2, 3, 4}, SCHEDULE);
        Generator generator = torch.createCPUGenerator(61);
        Tensor coefficients = randn(generator, 3, 1);
        Tensor point = model.basis(1).matmul(coefficients).reshape(1, 3, 8, 8);   // on component 1
        Tensor noise = randn(generator, 1, 192).reshape(1, 3, 8, 8);
        double pointNorm = point.norm().item_double();

        // The noise-free point itself: E = sqrt(abar) x with all weight on component 1.
        Tensor atZero = model.posteriorMean(point, torch.tensor(0L));
        assertThat(maxAbs(atZero, point) / pointNorm).isLessThan(1e-4);
        assertThat(model.responsibilities(point, torch.tensor(0L)).get(0).get(1).item_double()).isGreaterThan(1 - 1e-12);

        // Noised at t and denoised: the error shrinks as t -> 0.
        double previousError = java.lang.Double.MAX_VALUE;
        for (long t : new long[] {300, 100, 20, 0}) {
            double abar = SCHEDULE.alphaBar(t);
            Tensor xt = point.mul(new Scalar(Math.sqrt(abar))).add(noise.mul(new Scalar(Math.sqrt(1 - abar))));
            double error = maxAbs(model.posteriorMean(xt, torch.tensor(t)), point) / pointNorm;
            assertThat(error).as("t=%d", t).isLessThan(previousError);
            previousError = error;
        }
        assertThat(previousError).isLessThan(0.02);
    }

    // ------------------------------------------------------------ timesteps, batches, sampling

    @Test
    void acceptsInt64FloatAndSingleTimestepsForAnyBatch() {
        var model = LowRankGaussianMixture.random(67, SMALL_SHAPE, new int[] {2, 3}, SCHEDULE);
        Tensor xt = noisySamples(model, new long[] {250, 250, 250, 250, 250, 250, 250}, 71);
        Tensor perSample = model.posteriorMean(xt, torch.full(new long[] {7}, new Scalar(250L), new TensorOptions(torch.ScalarType.Long)));
        Tensor single = model.posteriorMean(xt, torch.tensor(new long[] {250L}));
        Tensor zeroDim = model.posteriorMean(xt, torch.scalar_tensor(new Scalar(250L), new TensorOptions(torch.ScalarType.Long)));
        Tensor fractional = model.posteriorMean(xt, torch.full(new long[] {7}, new Scalar(250.7), new TensorOptions(Float)));
        assertThat(maxAbs(single, perSample)).isEqualTo(0.0);
        assertThat(maxAbs(zeroDim, perSample)).isEqualTo(0.0);
        assertThat(maxAbs(fractional, perSample)).isEqualTo(0.0);

        Tensor one = model.posteriorMean(xt.narrow(0, 3, 1), torch.tensor(250L));
        assertThat(maxAbs(one, perSample.narrow(0, 3, 1))).isLessThan(1e-14);
        assertThatThrownBy(() -> model.posteriorMean(xt, torch.tensor(new long[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesAreSeededAndLieOnTheirComponentsSubspace() {
        var model = new LowRankGaussianMixture(SCHEDULE, SMALL_SHAPE,
                List.of(LowRankGaussianMixture.random(73, SMALL_SHAPE, new int[] {2, 3}, SCHEDULE).basis(0),
                        LowRankGaussianMixture.random(73, SMALL_SHAPE, new int[] {2, 3}, SCHEDULE).basis(1)),
                new double[] {1, 3});
        var drawn = model.sampleWithComponents(4000, 79, Double);
        assertThat(maxAbs(drawn.images(), model.sample(4000, 79, Double))).isEqualTo(0.0);
        assertThat(maxAbs(drawn.images(), model.sample(4000, 80, Double))).isGreaterThan(0.1);
        assertThat(model.sample(3, 79).scalar_type().intern()).isEqualTo(Float);

        Tensor flat = drawn.images().reshape(4000, 192);
        for (int b = 0; b < 20; b++) {
            Tensor basis = model.basis((int) drawn.components().get(b).item_long());
            Tensor x = flat.get(b).reshape(192, 1);
            assertThat(maxAbs(basis.matmul(basis.t().matmul(x)), x)).isLessThan(1e-12);
        }
        double fractionOfSecond = drawn.components().to(Double).mean().item_double();
        assertThat(fractionOfSecond).isBetween(0.72, 0.78);
        // a ~ N(0, I_r): E||x0||^2 = sum_k pi_k r_k = 0.25*2 + 0.75*3.
        double meanSquaredNorm = flat.square().sum(1).mean().item_double();
        assertThat(meanSquaredNorm).isBetween(2.75 * 0.93, 2.75 * 1.07);
    }

    @Test
    void localBasesStayInTheirRegionsAndAreMutuallyOrthogonalWhereRegionsOverlap() {
        Tensor everywhere = torch.ones(8, 8).to(torch.ScalarType.Bool);
        Tensor topLeft = LowRankGaussianMixture.rectangleMask(SMALL_SHAPE, 0, 0, 4, 4);
        Tensor overlapping = LowRankGaussianMixture.rectangleMask(SMALL_SHAPE, 2, 2, 4, 5);
        var model = LowRankGaussianMixture.randomLocal(83, SMALL_SHAPE, new int[] {4, 3, 5},
                List.of(everywhere, topLeft, overlapping), SCHEDULE);

        Tensor stacked = model.stackedBasis();
        assertThat(maxAbs(stacked.t().matmul(stacked), eye(12))).isLessThan(1e-12);
        List<Tensor> masks = List.of(everywhere, topLeft, overlapping);
        for (int k = 1; k < 3; k++) {
            Tensor outsideRows = masks.get(k).logical_not().expand(3, 8, 8).reshape(192);
            Tensor basisOutside = model.basis(k).index_select(0, outsideRows.nonzero().reshape(-1));
            assertThat(basisOutside.abs().max().item_double()).as("component %d", k).isEqualTo(0.0);
        }
        assertThatThrownBy(() -> LowRankGaussianMixture.randomLocal(1, SMALL_SHAPE, new int[] {13},
                List.of(LowRankGaussianMixture.rectangleMask(SMALL_SHAPE, 0, 0, 2, 2)), SCHEDULE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBasesThatAreNotOrthonormal() {
        Tensor notOrthonormal = randn(torch.createCPUGenerator(1), 12, 2);
        assertThatThrownBy(() -> new LowRankGaussianMixture(SCHEDULE, TINY_SHAPE, List.of(notOrthonormal)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orthonormal");
    }

    // ------------------------------------------------------------ helpers

    /** x_t = sqrt(abar_t) x0 + sqrt(1-abar_t) n, float64, one sample per timestep. */
    private static Tensor noisySamples(LowRankGaussianMixture model, long[] steps, long seed) {
        Tensor x0 = model.sample(steps.length, seed, Double);
        Tensor noise = randn(torch.createCPUGenerator(seed + 1), steps.length, model.dimension()).reshape(x0.sizes());
        Tensor abar = SCHEDULE.alphaBarBroadcast(torch.tensor(steps), 4).to(Double);
        return x0.mul(abar.sqrt()).add(noise.mul(abar.neg().add(new Scalar(1.0)).sqrt()));
    }

    /** d E[x0|x_t] / d x_t as a dense [d, d] matrix, by one batched backward pass. */
    private static Tensor denseJacobian(LowRankGaussianMixture model, Tensor xt, long t) {
        long d = model.dimension();
        long[] batchShape = {d, 3, 8, 8};
        Tensor inputs = xt.expand(batchShape).clone().requires_grad_(true);
        Tensor outputs = model.posteriorMean(inputs, torch.tensor(t));
        // Row b of the batch gets seed e_b, so its gradient is e_b^T J, row b of J.
        Tensor seeds = eye(d).reshape(batchShape);
        Tensor rows = torch.grad(new TensorVector(outputs), new TensorVector(inputs), new TensorVector(seeds),
                new BoolOptional(false), false, false).get(0);
        return rows.reshape(d, d);
    }

    /**
     * Lemma 2: J = sqrt(abar) [ sum_k w_k P_k + c sum_k w_k P_k x x^T P_k - c m m^T ] with
     * P_k = M_k M_k^T, c = abar/(1-abar), m = sum_k w_k P_k x.
     */
    private static Tensor lemma2Jacobian(LowRankGaussianMixture model, Tensor xt, long t) {
        double abar = SCHEDULE.alphaBar(t);
        double c = abar / (1 - abar);
        Tensor weights = model.responsibilities(xt, torch.tensor(t)).get(0);
        Tensor x = xt.reshape(192, 1);
        Tensor sum = torch.zeros(new long[] {192, 192}, new TensorOptions(Double));
        Tensor m = torch.zeros(new long[] {192, 1}, new TensorOptions(Double));
        for (int k = 0; k < model.componentCount(); k++) {
            double w = weights.get(k).item_double();
            Tensor projector = model.basis(k).matmul(model.basis(k).t());
            Tensor projected = projector.matmul(x);
            sum = sum.add(projector.mul(new Scalar(w))).add(projected.matmul(projected.t()).mul(new Scalar(c * w)));
            m = m.add(projected.mul(new Scalar(w)));
        }
        return sum.sub(m.matmul(m.t()).mul(new Scalar(c))).mul(new Scalar(Math.sqrt(abar)));
    }

    private static double bilinear(Tensor matrix, Tensor u, Tensor v) {
        return u.reshape(1, 192).matmul(matrix).matmul(v.reshape(192, 1)).item_double();
    }

    private static Tensor randn(Generator generator, long rows, long cols) {
        return torch.randn(new long[] {rows, cols}, new GeneratorOptional(generator), new TensorOptions(Double));
    }

    private static Tensor eye(long n) {
        return torch.eye(n, new TensorOptions(Double));
    }

    private static double maxAbs(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item_double();
    }
}
