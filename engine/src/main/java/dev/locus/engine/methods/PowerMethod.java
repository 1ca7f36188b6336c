package dev.locus.engine.methods;

import dev.locus.engine.api.LocoPreset;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.torch.Linalg;
import dev.locus.engine.torch.Randomness;
import dev.locus.engine.torch.Scopes;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The generalized power method (subspace iteration on J^T J) for the top-k right singular
 * vectors of a Jacobian known only through its products:
 *
 * <pre>
 *   V <- orth(randn(k, d))                 seeded
 *   repeat: U = J V;  W = U^T J;  V, s = SVD(W)     (s = sigma^2)
 *   until the row space of V stops moving (largest principal angle below the tolerance)
 * </pre>
 *
 * Progress is reported after each iteration as (iteration, maxIterations); a listener cancels
 * by throwing {@link java.util.concurrent.CancellationException}.
 */
public final class PowerMethod {

    /** When to stop iterating. */
    public enum Stop {
        /** the subspace moves less than the tolerance (radians, largest principal angle): LOCO */
        SUBSPACE,
        /** the singular values change by less than the tolerance, relative (norm of the change over the norm):
         *  Haas et al.'s h-space iteration, whose trailing vectors of a rank-50 subspace settle far more slowly
         *  than the values do */
        SINGULAR_VALUES
    }

    /**
     * @param tolerance what {@code stop} compares with, between consecutive iterations
     */
    public record Options(int rank, int minIterations, int maxIterations, double tolerance, long seed, Stop stop) {

        public Options(int rank, int minIterations, int maxIterations, double tolerance, long seed) {
            this(rank, minIterations, maxIterations, tolerance, seed, Stop.SUBSPACE);
        }

        public Options {
            if (rank < 1) {
                throw new IllegalArgumentException("rank must be at least 1, got " + rank);
            }
            if (minIterations < 1 || maxIterations < minIterations) {
                throw new IllegalArgumentException("need 1 <= minIterations <= maxIterations, got "
                        + minIterations + " and " + maxIterations);
            }
        }

        /** LOCO's reference settings ({@link LocoPreset#REFERENCE}: 10 to 50 iterations, tolerance 1e-4). */
        public static Options reference(int rank, long seed) {
            LocoPreset preset = LocoPreset.REFERENCE;
            return new Options(rank, preset.minIterations(), preset.maxIterations(), preset.tolerance(), seed);
        }
    }

    /**
     * @param vectors        right singular vectors, rows [k, d], orthonormal, by decreasing sigma, each signed
     *                       so that its largest-magnitude entry is positive ({@link Linalg#signConvention})
     * @param singularValues sigma [k]
     * @param leftVectors    J v / sigma, rows [k, m], orthonormal
     * @param iterations     iterations run
     * @param lastAngle      the subspace movement in the last iteration, radians
     */
    public record Result(Tensor vectors, Tensor singularValues, Tensor leftVectors, int iterations, double lastAngle) {}

    private PowerMethod() {}

    /** ||sigma' - sigma|| / ||sigma'|| from the squared values of two iterations; infinite before the second. */
    private static double singularValueChange(Tensor previousSquared, Tensor nextSquared) {
        if (previousSquared == null) {
            return Double.POSITIVE_INFINITY;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor before = previousSquared.to(torch.ScalarType.Double).sqrt();
            Tensor after = nextSquared.to(torch.ScalarType.Double).sqrt();
            return after.sub(before).norm().item_double() / Math.max(after.norm().item_double(), 1e-300);
        }
    }

    public static Result topSingularVectors(JacobianProducts jacobian, Options options, String phase, StepListener listener) {
        long d = jacobian.inputDim();
        int k = (int) Math.min(options.rank(), Math.min(d, jacobian.outputDim()));
        Tensor v = Scopes.compute(() -> Linalg.orthonormalRows(
                Randomness.randn(Randomness.generator(options.seed()), k, d).to(jacobian.dtypeDevice(), false, false, new org.bytedeco.pytorch.MemoryFormatOptional())));
        Tensor sigmaSquared = null;
        double angle = Math.PI / 2;
        int iteration = 0;
        while (iteration < options.maxIterations()) {
            iteration++;
            Tensor current = v;
            String where = "power method " + phase + ", iteration " + iteration;
            Tensor[] next = Scopes.computeAll(() -> {
                Tensor w = jacobian.normalProducts(current, where)[1];
                Linalg.Svd svd = Linalg.svd(w);
                return new Tensor[] {svd.vh(), svd.s()};
            });
            angle = Linalg.largestPrincipalAngle(current, next[0]);
            double change = options.stop() == Stop.SUBSPACE ? angle : singularValueChange(sigmaSquared, next[1]);
            current.close();
            if (sigmaSquared != null) {
                sigmaSquared.close();
            }
            v = next[0];
            sigmaSquared = next[1];
            listener.onStep(phase, iteration, options.maxIterations());
            if (iteration >= options.minIterations() && change < options.tolerance()) {
                break;
            }
        }
        Tensor subspace = v;
        Tensor[] ritz = Scopes.computeAll(() -> rayleighRitz(jacobian, subspace, phase));
        v.close();
        sigmaSquared.close();
        return new Result(ritz[0], ritz[1], ritz[2], iteration, angle);
    }

    /**
     * The singular triplets J restricted to the subspace spanned by {@code v} [k, d] gives: with J V^T = Q S P^T
     * (the SVD of the small [k, m] matrix of rows J v_i), the right vectors P^T V satisfy J (P^T V)_i = s_i q_i.
     * At convergence this only reorders and re-signs; when the iterations stop first, it still returns
     * orthonormal left vectors with J v = sigma u exactly, and the best sigma estimates the subspace holds.
     *
     * @return right vectors [k, d] by the sign convention, sigma [k], left vectors [k, m] signed to match
     */
    private static Tensor[] rayleighRitz(JacobianProducts jacobian, Tensor v, String phase) {
        Linalg.Svd svd = Linalg.svd(NumericalFault.requireFinite(jacobian.jvp(v), "J v", phase + ", Rayleigh-Ritz step"));
        Tensor right = svd.u().t().matmul(v);
        Tensor signs = Linalg.signConvention(right);
        return new Tensor[] {right.mul(signs), svd.s(), svd.vh().mul(signs)};
    }
}
