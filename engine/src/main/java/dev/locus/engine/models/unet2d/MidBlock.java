package dev.locus.engine.models.unet2d;

import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.models.layers.Attention;
import dev.locus.engine.models.layers.ResnetBlock2D;
import org.bytedeco.pytorch.Tensor;

/** UNetMidBlock2D: resnet, attention, resnet. Its output is h-space. */
final class MidBlock {

    private final ResnetBlock2D first;
    private final Attention attention;
    private final ResnetBlock2D second;

    MidBlock(ParameterSource params, String prefix, UNet2DConfig config, int channels) {
        var timeNorm = ResnetBlock2D.TimeEmbeddingNorm.fromConfig(config.resnetTimeScaleShift());
        double scale = config.midBlockScaleFactor();
        this.first = new ResnetBlock2D(params, prefix + ".resnets.0", channels, channels, config.timeEmbedDim(),
                config.normNumGroups(), config.normEps(), timeNorm, scale);
        // diffusers: without attn_norm_num_groups the attention norm follows the resnets in
        // "default" mode and is absent in "scale_shift" mode.
        int attentionGroups = config.attnNormNumGroups() != null ? config.attnNormNumGroups()
                : timeNorm == ResnetBlock2D.TimeEmbeddingNorm.DEFAULT ? config.normNumGroups() : 0;
        this.attention = config.addAttention()
                ? new Attention(params, prefix + ".attentions.0", channels, config.headDim(channels),
                        attentionGroups, config.normEps(), scale)
                : null;
        this.second = new ResnetBlock2D(params, prefix + ".resnets.1", channels, channels, config.timeEmbedDim(),
                config.normNumGroups(), config.normEps(), timeNorm, scale);
    }

    Tensor forward(Tensor h, Tensor temb) {
        h = first.forward(h, temb);
        if (attention != null) {
            h = attention.forward(h);
        }
        return second.forward(h, temb);
    }
}
