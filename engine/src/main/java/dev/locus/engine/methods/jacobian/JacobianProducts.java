package dev.locus.engine.methods.jacobian;

import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.torch.Scopes;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.AutoGradMode;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Products with the Jacobian J = d map / d input at one point, for k vectors at once: the k
 * vectors ride in the batch dimension, so one batched pass replaces k single ones.
 *
 * <p>J v uses the double-backward identity J v = d/du (u^T J) v: a reverse pass with a dummy
 * cotangent u, kept differentiable, then a second reverse pass with respect to u. libtorch's
 * forward-mode AD is not exposed to Java; central differences were measured as the alternative
 * (see {@code JacobianProductsTest}) and are kept only as a test reference.
 *
 * <p>Vectors are rows: J v takes V [k, d] to [k, m]; u^T J takes U [k, m] to [k, d], where d and m
 * are the flattened input and output sizes.
 *
 * <p>Chunks: at most {@code maxChunk} vectors per pass, and within a {@link MemoryBudget} on CPU: the first
 * product of each kind runs one vector alone, measures how far it raised the process's memory, and later chunks
 * take as many vectors as the budget holds. (On CUDA the process RSS does not see the allocations, so only
 * {@code maxChunk} applies there.)
 */
public final class JacobianProducts {

    private final DifferentiableMap map;
    private final Tensor point;
    private final long[] outputShape;
    private final Chunking forward;
    private final Chunking reverse;

    /** With the process's default memory budget ({@link MemoryBudget#processDefault()}). */
    public JacobianProducts(DifferentiableMap map, Tensor point, int chunkSize) {
        this(map, point, chunkSize, MemoryBudget.processDefault());
    }

    /**
     * @param point     input at which J is taken, with a leading batch dimension of 1
     * @param chunkSize most vectors per batched pass
     * @param budget    memory one pass may add; fewer vectors per pass when one vector costs much
     */
    public JacobianProducts(DifferentiableMap map, Tensor point, int chunkSize, MemoryBudget budget) {
        if (point.size(0) != 1) {
            throw new IllegalArgumentException("the point must have batch size 1, got " + point.size(0));
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + chunkSize);
        }
        this.map = map;
        // the caller's scope frees it (a discovery's, in the workers): J lives no longer than the analysis using it
        this.point = point.detach();
        boolean measurable = budget.isLimited() && !point.is_cuda();
        this.forward = new Chunking(chunkSize, measurable ? budget : MemoryBudget.unlimited());
        this.reverse = new Chunking(chunkSize, measurable ? budget : MemoryBudget.unlimited());
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
        return forward.apply(v, this::jvpChunk);
    }

    /** U J, as rows: [k, m] to [k, d]. */
    public Tensor vjp(Tensor u) {
        return reverse.apply(u, this::vjpChunk);
    }

    /** Vectors per J v pass: the largest allowed until one has been measured. */
    public int jvpChunkSize() {
        return forward.size;
    }

    /** Vectors per u^T J pass. */
    public int vjpChunkSize() {
        return reverse.size;
    }

    private Tensor jvpChunk(Tensor v) {
        return Scopes.compute(() -> {
            try (AutoGradMode grad = new AutoGradMode(true)) {
                long k = v.size(0);
                Tensor inputs = replicate(k).requires_grad_(true);
                Tensor outputs = map.apply(inputs);
                Tensor dummy = torch.zeros_like(outputs).requires_grad_(true);
                Tensor transposeProduct = gradient(outputs, inputs, dummy, true);
                Tensor product = gradient(transposeProduct, dummy, v.reshape(inputs.shape()), false);
                return product.reshape(k, -1).detach();
            }
        });
    }

    private Tensor vjpChunk(Tensor u) {
        return Scopes.compute(() -> {
            try (AutoGradMode grad = new AutoGradMode(true)) {
                long k = u.size(0);
                Tensor inputs = replicate(k).requires_grad_(true);
                Tensor outputs = map.apply(inputs);
                return gradient(outputs, inputs, u.reshape(outputs.shape()), false).reshape(k, -1).detach();
            }
        });
    }

    private Tensor replicate(long k) {
        long[] shape = point.shape().clone();
        shape[0] = k;
        return point.expand(shape).clone();
    }

    private static Tensor gradient(Tensor output, Tensor input, Tensor cotangent, boolean createGraph) {
        TensorVector grads = torch.grad(new TensorVector(output), new TensorVector(input), new TensorVector(cotangent),
                new BoolOptional(createGraph), createGraph, false);
        Tensor g = new Tensor(grads.get(0));
        grads.close();
        return g;
    }

    /** Splits a product's vectors into chunks that fit, measuring one vector first when a budget applies. */
    private static final class Chunking {
        private final MemoryBudget budget;
        private int size;
        private boolean measured;

        Chunking(int maxChunk, MemoryBudget budget) {
            this.size = maxChunk;
            this.budget = budget;
            this.measured = !budget.isLimited();
        }

        Tensor apply(Tensor vectors, java.util.function.UnaryOperator<Tensor> product) {
            long k = vectors.size(0);
            List<Tensor> parts = new ArrayList<>();
            long start = 0;
            if (!measured && k > 1) {
                Tensor[] first = new Tensor[1];
                long bytes = ProcessMemory.peakSince(() -> first[0] = product.apply(vectors.narrow(0, 0, 1)));
                size = budget.vectorsPerChunk(bytes, size);
                measured = true;
                parts.add(first[0]);
                start = 1;
            }
            if (start == 0 && k <= size) {
                return product.apply(vectors);
            }
            for (; start < k; start += size) {
                parts.add(product.apply(vectors.narrow(0, start, Math.min(size, k - start))));
            }
            Tensor joined = torch.cat(new TensorVector(parts.toArray(new Tensor[0])), 0);
            parts.forEach(Tensor::close);
            return joined;
        }
    }
}
