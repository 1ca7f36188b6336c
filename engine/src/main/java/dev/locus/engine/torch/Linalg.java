package dev.locus.engine.torch;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The few decompositions the methods need, returning tensors that own themselves (libtorch's
 * tuple accessors return views that die with the tuple).
 */
public final class Linalg {

    /** W = U diag(S) Vh, thin. */
    public record Svd(Tensor u, Tensor s, Tensor vh) {}

    private Linalg() {}

    /** Orthonormal rows spanning the rows of {@code rows} [k, d] (k <= d), by QR of the transpose. */
    public static Tensor orthonormalRows(Tensor rows) {
        T_TensorTensor_T qr = torch.linalg_qr(rows.t());
        Tensor q = new Tensor(qr.get0()).t().contiguous();
        qr.close();
        return q;
    }

    public static Svd svd(Tensor matrix) {
        T_TensorTensorTensor_T out = torch.linalg_svd(matrix, false, null);
        Svd result = new Svd(new Tensor(out.get0()), new Tensor(out.get1()), new Tensor(out.get2()));
        out.close();
        return result;
    }

    /**
     * Largest principal angle, in radians, between the row spaces of two [k, d] matrices with
     * orthonormal rows. Unlike an entrywise comparison it ignores sign flips and rotations
     * within the subspace, which SVD solvers produce freely.
     *
     * <p>Computed as asin of the largest singular value of b - (b a^T) a, the part of b outside
     * a's row space, in float64: the cosine route, acos(smallest singular value of a b^T), cannot
     * tell an angle below 3.5e-4 rad from 0 in float32 (acos of the largest float below 1), which
     * is coarser than the power method's 1e-4 tolerance.
     */
    public static double largestPrincipalAngle(Tensor a, Tensor b) {
        try (PointerScope scope = new PointerScope()) {
            Tensor a64 = a.to(torch.ScalarType.Double);
            Tensor b64 = b.to(torch.ScalarType.Double);
            Tensor outside = b64.sub(b64.matmul(a64.t()).matmul(a64));
            double sine = torch.linalg_svdvals(outside).max().item_double();
            return Math.asin(Math.min(1.0, sine));
        }
    }

    /**
     * +1 or -1 per row of {@code rows} [k, d]: the sign of the row's largest-magnitude entry. An SVD
     * fixes each singular vector only up to its sign, and which one a solver returns depends on the
     * seed, the device and the library; multiplying by these signs makes +strength mean the same
     * edit everywhere (the convention of scikit-learn's svd_flip).
     */
    public static Tensor signConvention(Tensor rows) {
        return Scopes.compute(() -> {
            Tensor largest = rows.gather(1, rows.abs().argmax(new LongOptional(1), true));
            return largest.ge(new Scalar(0)).to(rows.scalar_type()).mul(new Scalar(2)).sub(new Scalar(1));
        });
    }

    /** {@code rows} with each row multiplied by its {@link #signConvention} sign. */
    public static Tensor withSignConvention(Tensor rows) {
        return Scopes.compute(() -> rows.mul(signConvention(rows)));
    }
}
