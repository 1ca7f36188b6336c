package dev.locus.engine.models.layers;

import static dev.locus.engine.models.ParameterSource.Role.BIAS;
import static dev.locus.engine.models.ParameterSource.Role.WEIGHT;

import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.torch.Scopes;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** 2-D convolution with bias, weight [out, in, k, k]. */
public final class Conv2d {

    private final Tensor weight;
    private final TensorOptional bias;
    private final long[] stride;
    private final long[] padding;
    private static final long[] DILATION = {1, 1};

    public Conv2d(ParameterSource params, String prefix, long in, long out, long kernel, long stride, long padding) {
        this.weight = params.parameter(prefix + ".weight", WEIGHT, out, in, kernel, kernel);
        this.bias = Scopes.owned(new TensorOptional(params.parameter(prefix + ".bias", BIAS, out)));
        this.stride = new long[] {stride, stride};
        this.padding = new long[] {padding, padding};
    }

    public Tensor forward(Tensor x) {
        return torch.conv2d(x, weight, bias, stride, padding, DILATION, 1);
    }
}
