package dev.locus.engine.methods;

import dev.locus.engine.torch.Linalg;
import dev.locus.engine.torch.Scopes;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Iterative JIVE (Lock et al. 2013): split matrices X_i (n_i x d) that share columns into a joint
 * part of rank r_C, common to all, and individual parts of rank r_A, one per matrix, whose row
 * spaces are orthogonal to the joint one:
 *
 * <pre>
 *   A_i = 0
 *   repeat:  J = rank-r_C approximation of stack(X_i - A_i);   V_C = its row space
 *            A_i = rank-r_A approximation of (X_i - J_i)(I - V_C^T V_C)
 *   until the fit stops changing
 * </pre>
 */
public final class Jive {

    /**
     * @param jointRows      V_C, orthonormal rows [r_C, d]; every row of the result is signed so that its
     *                       largest-magnitude entry is positive ({@link Linalg#signConvention})
     * @param jointValues    singular values of the joint approximation [r_C]
     * @param individualRows per matrix, V_A(i) [r_A, d]
     * @param individualValues per matrix, singular values [r_A]
     */
    public record Result(Tensor jointRows, Tensor jointValues, List<Tensor> individualRows,
                         List<Tensor> individualValues, int iterations, double lastChange) {}

    private Jive() {}

    public static Result decompose(List<Tensor> matrices, int jointRank, int individualRank,
                                   int maxIterations, double tolerance) {
        if (matrices.isEmpty()) {
            throw new IllegalArgumentException("JIVE needs at least one matrix");
        }
        long d = matrices.get(0).size(1);
        int rows = matrices.stream().mapToInt(m -> (int) m.size(0)).sum();
        if (jointRank < 0 || jointRank > Math.min(rows, d)) {
            throw new IllegalArgumentException("joint rank " + jointRank + " must be between 0 and " + Math.min(rows, d));
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("JIVE needs at least 1 iteration, got " + maxIterations);
        }
        List<Tensor> individual = new ArrayList<>();
        for (Tensor x : matrices) {
            individual.add(torch.zeros_like(x));
        }
        Iteration latest = null;
        double change = Double.POSITIVE_INFINITY;
        int iteration = 0;
        while (iteration < maxIterations && change > tolerance) {
            iteration++;
            List<Tensor> previous = individual;
            // each iteration's SVDs and products are freed as it ends; only what the next one needs survives
            Iteration next = Iteration.of(Scopes.computeAll(() -> iterate(matrices, previous, jointRank, individualRank)),
                    matrices.size());
            change = relativeChange(previous, next.fits());
            previous.forEach(Tensor::close);
            if (latest != null) {
                latest.closeAllButFits();
            }
            latest = next;
            individual = next.fits();
        }
        individual.forEach(Tensor::close);
        List<Tensor> individualRows = latest.individualRows().stream().map(Linalg::withSignConvention).toList();
        Tensor jointRows = Linalg.withSignConvention(latest.jointRows());
        latest.individualRows().forEach(Tensor::close);
        latest.jointRows().close();
        return new Result(jointRows, latest.jointValues(), individualRows, latest.individualValues(), iteration, change);
    }

    /** What one iteration hands to the next and, the last time, to the result. */
    private record Iteration(Tensor jointRows, Tensor jointValues, List<Tensor> fits, List<Tensor> individualRows,
                             List<Tensor> individualValues) {

        /** From {@link #iterate}'s flat array: [V_C, s_C, A_1..A_n, V_A(1)..V_A(n), s_A(1)..s_A(n)]. */
        static Iteration of(Tensor[] flat, int n) {
            List<Tensor> all = List.of(flat);
            return new Iteration(flat[0], flat[1], all.subList(2, 2 + n), all.subList(2 + n, 2 + 2 * n),
                    all.subList(2 + 2 * n, 2 + 3 * n));
        }

        /** The fits are closed by the loop once the next iteration has used them. */
        void closeAllButFits() {
            jointRows.close();
            jointValues.close();
            individualRows.forEach(Tensor::close);
            individualValues.forEach(Tensor::close);
        }
    }

    /**
     * One JIVE iteration: the joint fit of stack(X_i - A_i), then each A_i off its row space.
     * Returns [V_C, s_C, A_1..A_n, V_A(1)..V_A(n), s_A(1)..s_A(n)], flat for {@link Scopes#computeAll}.
     */
    private static Tensor[] iterate(List<Tensor> matrices, List<Tensor> individual, int jointRank, int individualRank) {
        int n = matrices.size();
        Tensor[] out = new Tensor[2 + 3 * n];
        Tensor residualStack = torch.cat(new TensorVector(subtract(matrices, individual)), 0);
        Linalg.Svd joint = Linalg.svd(residualStack);
        Tensor jointRows = joint.vh().narrow(0, 0, jointRank);
        out[0] = jointRows;
        out[1] = joint.s().narrow(0, 0, jointRank);
        Tensor jointFit = lowRank(joint, jointRank);
        long offset = 0;
        for (int i = 0; i < n; i++) {
            Tensor x = matrices.get(i);
            Tensor jointPart = jointFit.narrow(0, offset, x.size(0));
            offset += x.size(0);
            Tensor rest = x.sub(jointPart);
            Tensor orthogonal = rest.sub(rest.matmul(jointRows.t()).matmul(jointRows));
            Linalg.Svd svd = Linalg.svd(orthogonal);
            int rank = (int) Math.min(individualRank, svd.s().size(0));
            out[2 + i] = lowRank(svd, rank);
            out[2 + n + i] = svd.vh().narrow(0, 0, rank);
            out[2 + 2 * n + i] = svd.s().narrow(0, 0, rank);
        }
        return out;
    }

    private static Tensor lowRank(Linalg.Svd svd, int rank) {
        return Scopes.compute(() -> svd.u().narrow(1, 0, rank).mul(svd.s().narrow(0, 0, rank).unsqueeze(0))
                .matmul(svd.vh().narrow(0, 0, rank)));
    }

    private static Tensor[] subtract(List<Tensor> a, List<Tensor> b) {
        Tensor[] out = new Tensor[a.size()];
        for (int i = 0; i < a.size(); i++) {
            out[i] = a.get(i).sub(b.get(i));
        }
        return out;
    }

    private static double relativeChange(List<Tensor> before, List<Tensor> after) {
        double diff = 0;
        double norm = 0;
        try (PointerScope scope = new PointerScope()) {
            for (int i = 0; i < before.size(); i++) {
                diff += Math.pow(after.get(i).sub(before.get(i)).norm().item_double(), 2);
                norm += Math.pow(after.get(i).norm().item_double(), 2);
            }
        }
        return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
    }
}
