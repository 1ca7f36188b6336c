package dev.locus.engine.models.unet2d;

import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.models.layers.Attention;
import dev.locus.engine.models.layers.ResnetBlock2D;
import dev.locus.engine.models.layers.Upsample2D;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * UpBlock2D and AttnUpBlock2D: layers_per_block + 1 resnets, each fed [h, last skip] concatenated
 * on channels (h first), attention after each in the Attn variant, then an optional upsampler.
 */
final class UpBlock {

    private final List<ResnetBlock2D> resnets = new ArrayList<>();
    private final List<Attention> attentions = new ArrayList<>();
    private final Upsample2D upsampler;

    /**
     * @param in       channels of the skip popped last in this block (the next-deeper width)
     * @param previous channels arriving from the block below
     */
    UpBlock(ParameterSource params, String prefix, UNet2DConfig config, String type,
            int in, int out, int previous, boolean addUpsample) {
        boolean withAttention = type.equals("AttnUpBlock2D");
        var timeNorm = ResnetBlock2D.TimeEmbeddingNorm.fromConfig(config.resnetTimeScaleShift());
        int layers = config.layersPerBlock() + 1;
        for (int i = 0; i < layers; i++) {
            int skipChannels = i == layers - 1 ? in : out;
            int hChannels = i == 0 ? previous : out;
            resnets.add(new ResnetBlock2D(params, prefix + ".resnets." + i, hChannels + skipChannels, out,
                    config.timeEmbedDim(), config.normNumGroups(), config.normEps(), timeNorm, 1.0));
            if (withAttention) {
                attentions.add(new Attention(params, prefix + ".attentions." + i, out, config.headDim(out),
                        config.normNumGroups(), config.normEps(), 1.0));
            }
        }
        this.upsampler = addUpsample ? new Upsample2D(params, prefix + ".upsamplers.0", out) : null;
    }

    Tensor forward(Tensor h, Tensor temb, Deque<Tensor> skips) {
        for (int i = 0; i < resnets.size(); i++) {
            h = resnets.get(i).forward(torch.cat(new TensorVector(h, skips.pop()), 1), temb);
            if (!attentions.isEmpty()) {
                h = attentions.get(i).forward(h);
            }
        }
        return upsampler != null ? upsampler.forward(h) : h;
    }
}
