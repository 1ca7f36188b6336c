package dev.locus.engine.models.unet2d;

import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.models.layers.Attention;
import dev.locus.engine.models.layers.Downsample2D;
import dev.locus.engine.models.layers.ResnetBlock2D;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * DownBlock2D and AttnDownBlock2D: resnets (each followed by attention in the Attn variant),
 * then an optional downsampler. Every intermediate output is pushed as a skip connection.
 */
final class DownBlock {

    private final List<ResnetBlock2D> resnets = new ArrayList<>();
    private final List<Attention> attentions = new ArrayList<>();
    private final Downsample2D downsampler;

    DownBlock(ParameterSource params, String prefix, UNet2DConfig config, String type,
              int in, int out, boolean addDownsample) {
        boolean withAttention = type.equals("AttnDownBlock2D");
        var timeNorm = ResnetBlock2D.TimeEmbeddingNorm.fromConfig(config.resnetTimeScaleShift());
        for (int i = 0; i < config.layersPerBlock(); i++) {
            resnets.add(new ResnetBlock2D(params, prefix + ".resnets." + i, i == 0 ? in : out, out,
                    config.timeEmbedDim(), config.normNumGroups(), config.normEps(), timeNorm, 1.0));
            if (withAttention) {
                attentions.add(new Attention(params, prefix + ".attentions." + i, out, config.headDim(out),
                        config.normNumGroups(), config.normEps(), 1.0));
            }
        }
        this.downsampler = addDownsample
                ? new Downsample2D(params, prefix + ".downsamplers.0", out, config.downsamplePadding())
                : null;
    }

    Tensor forward(Tensor h, Tensor temb, Deque<Tensor> skips) {
        for (int i = 0; i < resnets.size(); i++) {
            h = resnets.get(i).forward(h, temb);
            if (!attentions.isEmpty()) {
                h = attentions.get(i).forward(h);
            }
            skips.push(h);
        }
        if (downsampler != null) {
            h = downsampler.forward(h);
            skips.push(h);
        }
        return h;
    }
}
