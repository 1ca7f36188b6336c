package dev.locus.engine.torch;

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
     */
    public static double largestPrincipalAngle(Tensor a, Tensor b) {
        Tensor cosines = torch.linalg_svdvals(a.matmul(b.t()));
        double smallest = Math.min(1.0, cosines.min().item_double());
        return Math.acos(smallest);
    }
}
