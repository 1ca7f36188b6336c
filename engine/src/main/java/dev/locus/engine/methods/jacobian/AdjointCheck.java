package dev.locus.engine.methods.jacobian;

import dev.locus.engine.torch.Randomness;
import dev.locus.engine.torch.Scopes;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The adjoint identity {@code <u, J v> = <u^T J, v>} at a kept graph, for random u and v in every row.
 *
 * <p>J v (double backward) and u^T J (one reverse pass) reach J by different kernels: J v by forward
 * convolutions, u^T J by the convolutions' input-gradient kernels. A wrong input-gradient kernel (as oneDNN's was
 * on one host) breaks the identity while J v stays right, and with it every u^T J of a power method, silently: the
 * iteration still converges, to the wrong subspace. A power iteration checks it on every pass for free
 * ({@link #normalMismatch}); a trainer checks it once with random vectors ({@link #mismatch}).
 *
 * <p>The mismatch is measured per row relative to {@code ||u|| ||J v|| + ||u^T J|| ||v||}, which bounds both inner
 * products. Rounding in float32 leaves at most 3e-7 of it on the UNets here (AdjointIdentityTest); the simulated
 * fault of {@code WrongReverseKernelTest} leaves 1.5e-2, the real one about 3e-3.
 */
final class AdjointCheck {

    /** Largest mismatch accepted on the CPU, relative to ||u|| ||J v|| + ||u^T J|| ||v||. */
    static final double TOLERANCE = 1e-5;

    /**
     * On CUDA, where cuDNN convolves in TF32 (10-bit mantissa) by default and rounding alone leaves about 1e-3:
     * loose enough for that, still far below what a wrong kernel leaves (garbage, or NaN).
     */
    static final double CUDA_TOLERANCE = 3e-2;

    /** The tolerance for a graph on {@code point}'s device. */
    static double tolerance(Tensor point) {
        return point.is_cuda() ? CUDA_TOLERANCE : TOLERANCE;
    }

    /** Fixed, so that the check never makes two runs of a discovery differ. */
    private static final long SEED = 0x10C05L;

    private AdjointCheck() {}

    /** The largest relative mismatch over the rows of {@code at}: 0 for exact products, infinite for NaN. */
    static double mismatch(Linearization at, long inputDim, long outputDim) {
        double largest = Scopes.compute(() -> {
            Generator generator = Randomness.generator(SEED);
            Tensor v = Randomness.randn(generator, at.rows, inputDim).to(at.options(), false, false, new MemoryFormatOptional());
            Tensor u = Randomness.randn(generator, at.rows, outputDim).to(at.options(), false, false, new MemoryFormatOptional());
            Tensor jv = inDouble(at.jvp(v));
            Tensor uj = inDouble(at.vjp(u));
            Tensor forward = rowDot(inDouble(u), jv);
            Tensor reverse = rowDot(uj, inDouble(v));
            Tensor scale = rowNorm(u).mul(rowNorm(jv)).add(rowNorm(uj).mul(rowNorm(v)));
            Tensor relative = forward.sub(reverse).abs().div(scale.clamp_min(new Scalar(1e-300)));
            return relative.max();
        }).item_double();
        return Double.isNaN(largest) ? Double.POSITIVE_INFINITY : largest;
    }

    /**
     * The largest relative mismatch of {@code <w_i, v_i> = ||u_i||^2} over the rows of a power iteration's products
     * u = J v and w = u^T J: the identity for u = J v, free since the iteration computes both anyway. Relative to
     * {@code ||w_i|| ||v_i|| + ||u_i||^2}.
     */
    static double normalMismatch(Tensor v, Tensor u, Tensor w) {
        double largest = Scopes.compute(() -> {
            Tensor v64 = inDouble(v);
            Tensor u64 = inDouble(u);
            Tensor w64 = inDouble(w);
            Tensor squared = rowDot(u64, u64);
            Tensor scale = rowNorm(w64).mul(rowNorm(v64)).add(squared);
            return rowDot(w64, v64).sub(squared).abs().div(scale.clamp_min(new Scalar(1e-300))).max();
        }).item_double();
        return Double.isNaN(largest) ? Double.POSITIVE_INFINITY : largest;
    }

    private static Tensor inDouble(Tensor t) {
        return t.to(torch.ScalarType.Double);
    }

    private static Tensor rowDot(Tensor a, Tensor b) {
        return a.mul(b).sum(new long[] {1}, false, new ScalarTypeOptional());
    }

    private static Tensor rowNorm(Tensor rows) {
        return inDouble(rows).norm(new ScalarOptional(new Scalar(2)), new long[] {1}, false);
    }
}
