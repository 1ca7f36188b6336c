package dev.locus.engine.models.layers;

import dev.locus.engine.models.ParameterSource;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Stride-2 3x3 convolution. With padding 0 (the google DDPM checkpoints) diffusers pads
 * asymmetrically, one zero column right and one zero row below, before the convolution.
 */
public final class Downsample2D {

    private static final long[] RIGHT_AND_BOTTOM = {0, 1, 0, 1};
    private final Conv2d conv;
    private final boolean asymmetricPad;

    public Downsample2D(ParameterSource params, String prefix, long channels, long padding) {
        this.asymmetricPad = padding == 0;
        this.conv = new Conv2d(params, prefix + ".conv", channels, channels, 3, 2, padding);
    }

    public Tensor forward(Tensor x) {
        Tensor input = asymmetricPad ? torch.constant_pad_nd(x, RIGHT_AND_BOTTOM, new Scalar(0.0)) : x;
        return conv.forward(input);
    }
}
