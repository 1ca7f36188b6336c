package dev.locus.engine.models.layers;

import static dev.locus.engine.models.ParameterSource.Role.NORM_BIAS;
import static dev.locus.engine.models.ParameterSource.Role.NORM_WEIGHT;

import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.torch.Scopes;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** Group normalisation over channels (dim 1) with an affine transform. */
public final class GroupNorm {

    private final long groups;
    private final double eps;
    private final TensorOptional weight;
    private final TensorOptional bias;

    public GroupNorm(ParameterSource params, String prefix, long groups, long channels, double eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(prefix + ": " + channels + " channels do not split into " + groups + " groups");
        }
        this.groups = groups;
        this.eps = eps;
        this.weight = Scopes.owned(new TensorOptional(params.parameter(prefix + ".weight", NORM_WEIGHT, channels)));
        this.bias = Scopes.owned(new TensorOptional(params.parameter(prefix + ".bias", NORM_BIAS, channels)));
    }

    public Tensor forward(Tensor x) {
        return torch.group_norm(x, groups, weight, bias, eps, true);
    }
}
