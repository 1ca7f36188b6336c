package dev.locus.synthfaces.probe;

import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.models.layers.Conv2d;
import dev.locus.engine.models.layers.GroupNorm;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** 3x3 convolution, group norm, SiLU: the probe's one building block. */
final class ConvNormAct {

    /** Eight groups divide every width the probe uses (32 to 128) and keep 4+ channels per group. */
    static final int GROUPS = 8;

    private final Conv2d conv;
    private final GroupNorm norm;

    ConvNormAct(ParameterSource params, String prefix, int in, int out, int stride) {
        this.conv = new Conv2d(params, prefix + ".conv", in, out, 3, stride, 1);
        this.norm = new GroupNorm(params, prefix + ".norm", GROUPS, out, 1e-5);
    }

    Tensor forward(Tensor x) {
        return torch.silu(norm.forward(conv.forward(x)));
    }
}
