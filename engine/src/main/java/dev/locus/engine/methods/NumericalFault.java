package dev.locus.engine.methods;

import org.bytedeco.pytorch.Tensor;

/**
 * A computation that produced numbers which cannot be right: a non-finite value, or Jacobian products that
 * contradict each other. It names where (phase, iteration, which product); retrying the same input gives the
 * same fault, so it is not a transient error, and it is not the caller's bad input either.
 */
public class NumericalFault extends RuntimeException {

    public NumericalFault(String message) {
        super(message);
    }

    /**
     * @return {@code product}, when it holds no NaN or infinity
     * @throws NumericalFault naming the product and where it ran, when it does: an SVD of it would fail with a bare
     *                        LAPACK error, or worse, not fail
     */
    public static Tensor requireFinite(Tensor product, String name, String where) {
        if (!product.isfinite().all().item_bool()) {
            throw new NumericalFault("the " + name + " product holds non-finite values (" + where + ")");
        }
        return product;
    }
}
