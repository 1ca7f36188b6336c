package dev.locus.engine.models.layers;

import dev.locus.engine.models.ParameterSource;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Nearest-neighbour x2 upsampling followed by a 3x3 convolution. */
public final class Upsample2D {

    private final Conv2d conv;

    public Upsample2D(ParameterSource params, String prefix, long channels) {
        this.conv = new Conv2d(params, prefix + ".conv", channels, channels, 3, 1, 1);
    }

    public Tensor forward(Tensor x) {
        long[] doubled = {x.size(2) * 2, x.size(3) * 2};
        return conv.forward(torch.upsample_nearest2d(x, doubled));
    }
}
