package dev.locus.engine.models.layers;

import static dev.locus.engine.models.ParameterSource.Role.BIAS;
import static dev.locus.engine.models.ParameterSource.Role.WEIGHT;

import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.torch.Scopes;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** y = x W^T + b, weight [out, in]. */
public final class Linear {

    private final Tensor weight;
    private final TensorOptional bias;

    public Linear(ParameterSource params, String prefix, long in, long out) {
        this.weight = params.parameter(prefix + ".weight", WEIGHT, out, in);
        this.bias = Scopes.owned(new TensorOptional(params.parameter(prefix + ".bias", BIAS, out)));
    }

    public Tensor forward(Tensor x) {
        return torch.linear(x, weight, bias);
    }
}
