package dev.locus.engine.methods;

import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.models.StateDictParameters;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.torch.Linalg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.pytorch.AutoGradMode;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Ground truth for the power method on a real UNet: the masked Jacobian built outright, one reverse pass per
 * output entry inside the mask (methods.md, "Ground truth"), in float64, and its exact SVD.
 *
 * <p>float64 keeps it independent of the path under test: libtorch runs float64 convolutions with its own
 * kernels, never oneDNN's, whose input gradient was wrong on one host.
 */
final class ExplicitJacobian {

    /** The exact top singular triplets: right vectors as rows [n, d], sigma [n]. */
    record Svd(Tensor vectors, Tensor values) {

        double value(int i) {
            return values.get(i).item_double();
        }
    }

    private ExplicitJacobian() {}

    /** A float64 copy of a model, the same weights. */
    static UNet2DModel inDouble(UNet2DModel model) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().forEach((name, t) -> weights.put(name, t.to(torch.ScalarType.Double).contiguous()));
        return new UNet2DModel(model.config(), new StateDictParameters(weights, "float64 copy"));
    }

    /**
     * The rows of J = d map / d x at {@code point} [1, ...] for the output entries where {@code mask} (the map's
     * output shape without the batch dimension, or broadcastable to it) is set: the other rows of a masked map are 0.
     */
    static Tensor rows(DifferentiableMap map, Tensor point, Tensor mask, long[] outputShape, int batch) {
        Tensor flatMask = mask.expand(outputShape).reshape(-1);
        long m = flatMask.numel();
        Tensor selected = flatMask.nonzero().reshape(-1);
        long count = selected.size(0);
        List<Tensor> parts = new ArrayList<>();
        for (long start = 0; start < count; start += batch) {
            long n = Math.min(batch, count - start);
            long[] shape = point.shape().clone();
            shape[0] = n;
            try (AutoGradMode grad = new AutoGradMode(true)) {
                Tensor x = point.detach().expand(shape).clone().requires_grad_(true);
                Tensor y = map.apply(x).reshape(n, -1);
                Tensor oneHot = torch.zeros(new long[] {n, m}, y.options())
                        .scatter(1, selected.narrow(0, start, n).unsqueeze(1), new Scalar(1.0));
                TensorVector grads = torch.grad(new TensorVector(y), new TensorVector(x), new TensorVector(oneHot),
                        new BoolOptional(false), false, false);
                parts.add(new Tensor(grads.get(0)).reshape(n, -1).detach());
            }
        }
        return torch.cat(new TensorVector(parts.toArray(new Tensor[0])), 0);
    }

    static Svd svd(Tensor jacobian) {
        Linalg.Svd svd = Linalg.svd(jacobian.to(torch.ScalarType.Double));
        return new Svd(svd.vh(), svd.s());
    }

    /**
     * Compares the leading subspaces of {@code found} (rows [k, d], by decreasing sigma) with the exact ones, for
     * each size j <= k whose gap sigma_j / sigma_j+1 is clear: within 1 degree where it is at least 1.10, within
     * 2 degrees where at least 1.05 (methods.md: a near-tie beyond a gap may legitimately stay loose).
     *
     * @return one line per subspace judged, "FAIL" in those that miss
     */
    static List<String> leadingSubspaces(Svd exact, Tensor found) {
        int k = (int) found.size(0);
        Tensor rows = found.reshape(k, -1).to(torch.ScalarType.Double);
        List<String> judged = new ArrayList<>();
        for (int j = 1; j <= k && j < exact.values().size(0); j++) {
            double gap = exact.value(j - 1) / exact.value(j);
            double allowed = gap >= 1.10 ? 1.0 : gap >= 1.05 ? 2.0 : Double.NaN;
            if (Double.isNaN(allowed)) {
                continue;
            }
            double degrees = Math.toDegrees(Linalg.largestPrincipalAngle(exact.vectors().narrow(0, 0, j),
                    Linalg.orthonormalRows(rows.narrow(0, 0, j))));
            judged.add(String.format(Locale.ROOT, "%s leading %d (gap %.3f): %.3f degrees, at most %.0f",
                    degrees <= allowed ? "ok  " : "FAIL", j, gap, degrees, allowed));
        }
        return judged;
    }
}
