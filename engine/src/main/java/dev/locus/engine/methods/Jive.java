package dev.locus.engine.methods;

import dev.locus.engine.torch.Linalg;
import dev.locus.engine.torch.Scopes;
import java.util.ArrayList;
import java.util.List;
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
     * @param jointRows      V_C, orthonormal rows [r_C, d]
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
        List<Tensor> individual = new ArrayList<>();
        for (Tensor x : matrices) {
            individual.add(torch.zeros_like(x));
        }
        Tensor jointRows = null;
        Tensor jointValues = null;
        List<Tensor> individualRows = new ArrayList<>();
        List<Tensor> individualValues = new ArrayList<>();
        double change = Double.POSITIVE_INFINITY;
        int iteration = 0;
        while (iteration < maxIterations && change > tolerance) {
            iteration++;
            Tensor residualStack = torch.cat(new TensorVector(subtract(matrices, individual)), 0);
            Linalg.Svd joint = Linalg.svd(residualStack);
            jointRows = joint.vh().narrow(0, 0, jointRank);
            jointValues = joint.s().narrow(0, 0, jointRank);
            Tensor jointFit = lowRank(joint, jointRank);
            Tensor projectOut = jointRows;

            List<Tensor> updated = new ArrayList<>();
            individualRows = new ArrayList<>();
            individualValues = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < matrices.size(); i++) {
                Tensor x = matrices.get(i);
                Tensor jointPart = jointFit.narrow(0, offset, x.size(0));
                offset += x.size(0);
                Tensor rest = x.sub(jointPart);
                Tensor orthogonal = rest.sub(rest.matmul(projectOut.t()).matmul(projectOut));
                Linalg.Svd svd = Linalg.svd(orthogonal);
                int rank = (int) Math.min(individualRank, svd.s().size(0));
                updated.add(lowRank(svd, rank));
                individualRows.add(svd.vh().narrow(0, 0, rank));
                individualValues.add(svd.s().narrow(0, 0, rank));
            }
            change = relativeChange(individual, updated);
            individual = updated;
        }
        return new Result(jointRows, jointValues, individualRows, individualValues, iteration, change);
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
        for (int i = 0; i < before.size(); i++) {
            diff += Math.pow(after.get(i).sub(before.get(i)).norm().item_double(), 2);
            norm += Math.pow(after.get(i).norm().item_double(), 2);
        }
        return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
    }
}
