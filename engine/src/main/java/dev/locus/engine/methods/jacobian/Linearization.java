package dev.locus.engine.methods.jacobian;

import dev.locus.engine.torch.ReverseKernels;
import dev.locus.engine.torch.Scopes;
import org.bytedeco.pytorch.AutoGradMode;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A map's autograd graph at one point, replicated over {@code rows} batch rows and kept: J does not change while
 * the power method runs, so the forward pass and the differentiable reverse pass that J v needs are built once
 * (the latter on the first J v) and every later product only runs reverse passes through them.
 *
 * <pre>
 *   y = f(x), x = the point in every row             forward pass, kept
 *   g(u) = u^T J = d(u . y)/dx, u a dummy cotangent   reverse pass, kept differentiable (create_graph)
 *   u^T J = grad of y w.r.t. x, cotangent u           one reverse pass through the forward graph
 *   J v   = grad of g w.r.t. u, cotangent v           one reverse pass through g's graph: g is linear in u
 * </pre>
 *
 * Memory: the graph holds the activations of {@code rows} forward passes and of one reverse pass until
 * {@link #close}; {@link JacobianProducts} sizes {@code rows} by its memory budget.
 */
final class Linearization implements AutoCloseable {

    final int rows;
    private final Tensor inputs;
    private final Tensor outputs;
    /** Built on the first J v: a map used for u^T J only never pays for the differentiable reverse pass. */
    private Tensor cotangent;
    private Tensor transposeProduct;
    private boolean closed;

    /** The graph's tensors are {@link Scopes#ownedAlone}: they outlive the scope of the first product and die at {@link #close}. */
    private Linearization(int rows, Tensor[] forward) {
        this.rows = rows;
        this.inputs = Scopes.ownedAlone(forward[0]);
        this.outputs = Scopes.ownedAlone(forward[1]);
    }

    /** Runs the forward pass at {@code point} [1, ...], in {@code rows} rows. */
    static Linearization at(DifferentiableMap map, Tensor point, int rows) {
        return new Linearization(rows, Scopes.computeAll(() -> {
            try (AutoGradMode grad = new AutoGradMode(true)) {
                long[] shape = point.shape().clone();
                shape[0] = rows;
                Tensor inputs = point.expand(shape).clone().requires_grad_(true);
                return new Tensor[] {inputs, map.apply(inputs)};
            }
        }));
    }

    /** Options (dtype and device) of the graph's input. */
    org.bytedeco.pytorch.TensorOptions options() {
        return inputs.options();
    }

    /** J v for at most {@link #rows} vectors, rows [n, d] to [n, m]. */
    Tensor jvp(Tensor v) {
        keepTransposeProduct();
        return Scopes.compute(() -> reversePass(transposeProduct, cotangent, v, inputs.shape()));
    }

    /** Runs and keeps the differentiable reverse pass g(u) = u^T J, once. */
    void keepTransposeProduct() {
        if (transposeProduct == null) {
            Tensor[] reverse = Scopes.computeAll(() -> {
                try (AutoGradMode grad = new AutoGradMode(true)) {
                    Tensor u = torch.zeros_like(outputs).requires_grad_(true);
                    return new Tensor[] {u, gradient(outputs, inputs, u, true)};
                }
            });
            cotangent = Scopes.ownedAlone(reverse[0]);
            transposeProduct = Scopes.ownedAlone(reverse[1]);
        }
    }

    /** u^T J for at most {@link #rows} vectors, rows [n, m] to [n, d]. */
    Tensor vjp(Tensor u) {
        return Scopes.compute(() -> reversePass(outputs, inputs, u, outputs.shape()));
    }

    /** The graph's batch has {@code rows} rows: fewer vectors are padded with zero rows, whose products are 0. */
    private Tensor reversePass(Tensor of, Tensor withRespectTo, Tensor vectors, long[] cotangentShape) {
        long n = vectors.size(0);
        if (n > rows) {
            throw new IllegalArgumentException(n + " vectors for a linearization of " + rows + " rows");
        }
        Tensor padding = n == rows ? null : torch.zeros(new long[] {rows - n, vectors.size(1)}, vectors.options());
        Tensor padded = padding == null ? vectors : torch.cat(new TensorVector(vectors, padding), 0);
        try (AutoGradMode grad = new AutoGradMode(true)) {
            Tensor product = gradient(of, withRespectTo, padded.reshape(cotangentShape), false);
            return product.reshape(rows, -1).narrow(0, 0, n).detach();
        }
    }

    /**
     * d(cotangent . output)/d input, with this process's {@link ReverseKernels}; the graph is always retained, for
     * the next product.
     */
    private static Tensor gradient(Tensor output, Tensor input, Tensor cotangent, boolean createGraph) {
        return ReverseKernels.run(() -> {
            TensorVector grads = torch.grad(new TensorVector(output), new TensorVector(input),
                    new TensorVector(cotangent), new BoolOptional(true), createGraph, false);
            Tensor g = new Tensor(grads.get(0));
            grads.close();
            return g;
        });
    }

    /** Frees the graph now, whatever scope is open; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (transposeProduct != null) {
            transposeProduct.releaseReference();
            cotangent.releaseReference();
        }
        outputs.releaseReference();
        inputs.releaseReference();
    }
}
