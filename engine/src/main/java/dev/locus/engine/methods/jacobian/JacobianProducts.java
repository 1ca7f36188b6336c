package dev.locus.engine.methods.jacobian;

import dev.locus.engine.methods.NumericalFault;
import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.torch.ReverseKernels;
import dev.locus.engine.torch.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Products with the Jacobian J = d map / d input at one point, for k vectors at once: the k vectors ride in the
 * batch dimension of one {@link Linearization}, the map's graph at the point, built on the first product and kept
 * for every later one. A power method multiplies the same J dozens of times, so it pays for the forward pass
 * once, not once per product and vector as the reference code does.
 *
 * <p>J v uses the double-backward identity J v = d/du (u^T J) v: a reverse pass with a dummy cotangent u, kept
 * differentiable, then a reverse pass with respect to u. libtorch's forward-mode AD is not exposed to Java;
 * central differences were measured as the alternative (see {@code JacobianProductsTest}) and are kept only as a
 * test reference.
 *
 * <p>Vectors are rows: J v takes V [k, d] to [k, m]; u^T J takes U [k, m] to [k, d], where d and m are the
 * flattened input and output sizes.
 *
 * <p>Rows of the graph: fixed by the first product, as many as it has vectors, at most {@code maxChunk}, and within a
 * {@link MemoryBudget} on CPU: the first product runs one vector alone, measures how far it raised the process's
 * memory, and the graph is rebuilt with as many rows as the budget holds. Products with more vectors than rows run
 * in several passes (rows balanced so the last pass pads few), fewer vectors are padded with zero rows. (On CUDA
 * the process RSS does not see the allocations, so only {@code maxChunk} applies.)
 *
 * <p>The products of a power iteration are checked as they are made ({@link #normalProducts}): the adjoint identity
 * {@code <u, J v> = <u^T J, v>} must hold, else the process moves its reverse passes to portable kernels
 * ({@link ReverseKernels}), and products that still contradict each other are a {@link NumericalFault}.
 *
 * <p>The graph lives until {@link #close} (or, unclosed, until the GC collects it: no scope frees it); close it
 * when the analysis is done.
 */
public final class JacobianProducts implements AutoCloseable {

    private final DifferentiableMap map;
    private final Tensor point;
    private final long[] outputShape;
    private final int maxChunk;
    private final MemoryBudget budget;
    private Linearization linearization;

    /** With the process's default memory budget ({@link MemoryBudget#processDefault()}). */
    public JacobianProducts(DifferentiableMap map, Tensor point, int maxChunk) {
        this(map, point, maxChunk, MemoryBudget.processDefault());
    }

    /**
     * @param point    input at which J is taken, with a leading batch dimension of 1
     * @param maxChunk most vectors per batched pass
     * @param budget   memory the graph and one pass may add; fewer rows when one vector costs much
     */
    public JacobianProducts(DifferentiableMap map, Tensor point, int maxChunk, MemoryBudget budget) {
        if (point.size(0) != 1) {
            throw new IllegalArgumentException("the point must have batch size 1, got " + point.size(0));
        }
        if (maxChunk < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + maxChunk);
        }
        this.map = map;
        // the caller's scope frees it (a discovery's, in the workers): J lives no longer than the analysis using it
        this.point = point.detach();
        this.maxChunk = maxChunk;
        this.budget = budget.isLimited() && !point.is_cuda() ? budget : MemoryBudget.unlimited();
        this.outputShape = Scopes.compute(() -> {
            try (var noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
                return map.apply(this.point);
            }
        }).shape();
    }

    /** Options (dtype and device) of the point, for the vectors multiplied with J. */
    public org.bytedeco.pytorch.TensorOptions dtypeDevice() {
        return point.options();
    }

    /** Flattened input size d. */
    public long inputDim() {
        return point.numel();
    }

    /** Flattened output size m. */
    public long outputDim() {
        long m = 1;
        for (int i = 1; i < outputShape.length; i++) {
            m *= outputShape[i];
        }
        return m;
    }

    /** J V^T, as rows: [k, d] to [k, m]. */
    public Tensor jvp(Tensor v) {
        return inChunks(v, Linearization::jvp);
    }

    /** U J, as rows: [k, m] to [k, d]. */
    public Tensor vjp(Tensor u) {
        return inChunks(u, Linearization::vjp);
    }

    /**
     * The two products of a power iteration, U = J V^T and W = U J (rows [k, d] to [k, m] and [k, d]), checked:
     * row by row, {@code <w_i, v_i> = ||u_i||^2} is the adjoint identity {@code <u, J v> = <u^T J, v>} for
     * u = J v, so it costs no pass of its own ({@link AdjointCheck#normalMismatch}). When it fails with the fast
     * kernels, the process moves to the portable ones ({@link ReverseKernels#fallBack}) and W is computed again:
     * the kernels are picked when a reverse pass runs, so the graph stays.
     *
     * @param where names the computation in a fault's message
     * @return {U, W}
     * @throws NumericalFault when a product holds a non-finite value, or the identity fails with every kernel at
     *                        hand
     */
    public Tensor[] normalProducts(Tensor v, String where) {
        Tensor u = NumericalFault.requireFinite(jvp(v), "J v", where);
        Tensor w = NumericalFault.requireFinite(vjp(u), "u^T J", where);
        double tolerance = AdjointCheck.tolerance(point);
        double mismatch = AdjointCheck.normalMismatch(v, u, w);
        if (mismatch > tolerance && ReverseKernels.fallBack(String.format(Locale.ROOT,
                "<u, J v> and <u^T J, v> differ by %.2g relative (%s)", mismatch, where))) {
            w = NumericalFault.requireFinite(vjp(u), "u^T J", where);
            mismatch = AdjointCheck.normalMismatch(v, u, w);
        }
        if (mismatch > tolerance) {
            throw contradiction(mismatch, tolerance, where);
        }
        return new Tensor[] {u, w};
    }

    /** Vectors per pass: the rows of the kept graph, or the most allowed before the first product. */
    public int chunkSize() {
        return linearization == null ? maxChunk : linearization.rows;
    }

    /**
     * Builds and checks the graph for {@code vectors} vectors now, as a first product of that many would: a
     * caller that only needs to know whether this process's reverse passes are right at the point (a trainer,
     * about its gradients) calls this and closes.
     *
     * @throws NumericalFault when the reverse passes contradict the forward ones with every kernel at hand
     */
    public void prepare(int vectors) {
        if (linearization == null) {
            linearization = verified(Linearization.at(map, point, balancedRows(vectors, maxChunk)));
        }
    }

    /**
     * What a trainer runs before its first step: the adjoint identity for random vectors on {@code map}'s graph at
     * the first element of {@code batch}, replicated to the batch's size (kernels are picked by shape). Where
     * oneDNN's kernels fail it, this process moves its reverse passes, the trainer's backward included, to the
     * portable ones ({@link ReverseKernels}).
     *
     * @throws NumericalFault when the identity fails with every kernel at hand
     */
    public static void checkReverseKernels(DifferentiableMap map, Tensor batch) {
        int rows = (int) batch.size(0);
        try (JacobianProducts jacobian = new JacobianProducts(map, batch.narrow(0, 0, 1), rows, MemoryBudget.unlimited())) {
            jacobian.prepare(rows);
        }
    }

    /** Frees the kept graph; a later product builds it again. */
    @Override
    public void close() {
        if (linearization != null) {
            linearization.close();
            linearization = null;
        }
    }

    private Tensor inChunks(Tensor vectors, BiFunction<Linearization, Tensor, Tensor> product) {
        long k = vectors.size(0);
        List<Tensor> parts = new ArrayList<>();
        long start = 0;
        if (linearization == null) {
            start = build(vectors, product, parts);
        }
        int rows = linearization.rows;
        if (start == 0 && k <= rows) {
            return product.apply(linearization, vectors);
        }
        for (; start < k; start += rows) {
            parts.add(product.apply(linearization, vectors.narrow(0, start, Math.min(rows, k - start))));
        }
        Tensor joined = torch.cat(new TensorVector(parts.toArray(new Tensor[0])), 0);
        parts.forEach(Tensor::close);
        return joined;
    }

    /**
     * Builds the graph for the first product, whose vector count then fixes the rows: a power method multiplies
     * the same k vectors every time. Under a budget, one vector's graph, both reverse passes and the product are
     * measured first (that product is kept in {@code parts}) and the graph is rebuilt with the rows the budget
     * holds.
     *
     * @return how many of the vectors the measuring pass has already multiplied
     */
    private long build(Tensor vectors, BiFunction<Linearization, Tensor, Tensor> product, List<Tensor> parts) {
        long k = vectors.size(0);
        if (!budget.isLimited() || k == 1 || maxChunk == 1) {
            linearization = Linearization.at(map, point, balancedRows(k, maxChunk));
            return 0;
        }
        Tensor[] first = new Tensor[1];
        long bytes = ProcessMemory.peakSince(() -> {
            linearization = Linearization.at(map, point, 1);
            linearization.keepTransposeProduct(); // J v's pass counts even when the first product is u^T J
            first[0] = product.apply(linearization, vectors.narrow(0, 0, 1));
        });
        parts.add(first[0]);
        int rows = balancedRows(k, budget.vectorsPerChunk(bytes, maxChunk));
        if (rows > 1) {
            Linearization measured = linearization;
            linearization = null; // a failed rebuild (out of memory) leaves nothing half-freed behind
            measured.close();
            linearization = Linearization.at(map, point, rows);
        }
        return 1;
    }

    /**
     * The graph, once the adjoint identity holds on it for random vectors ({@link AdjointCheck#mismatch}). When it
     * fails with the fast kernels, the process moves to the portable ones and checks again.
     *
     * @throws NumericalFault when the identity fails with the kernels the process can use
     */
    private Linearization verified(Linearization built) {
        double tolerance = AdjointCheck.tolerance(point);
        double mismatch = AdjointCheck.mismatch(built, inputDim(), outputDim());
        String where = "random vectors in " + built.rows + " rows";
        if (mismatch > tolerance && ReverseKernels.fallBack(String.format(Locale.ROOT,
                "<u, J v> and <u^T J, v> differ by %.2g relative (%s)", mismatch, where))) {
            mismatch = AdjointCheck.mismatch(built, inputDim(), outputDim());
        }
        if (mismatch > tolerance) {
            built.close();
            throw contradiction(mismatch, tolerance, where);
        }
        return built;
    }

    private static NumericalFault contradiction(double mismatch, double tolerance, String where) {
        return new NumericalFault(String.format(Locale.ROOT, "the Jacobian's products contradict each other: "
                + "<u, J v> and <u^T J, v> differ by %.2g relative (at most %.0e allowed) with %s reverse kernels (%s)",
                mismatch, tolerance, ReverseKernels.portable() ? "portable" : "oneDNN", where));
    }

    /** The fewest rows that multiply k vectors in as few passes as {@code fit} rows would: less zero padding. */
    public static int balancedRows(long k, int fit) {
        long passes = (k + fit - 1) / fit;
        return (int) ((k + passes - 1) / passes);
    }
}
