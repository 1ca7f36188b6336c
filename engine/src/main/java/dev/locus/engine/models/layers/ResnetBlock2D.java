package dev.locus.engine.models.layers;

import dev.locus.engine.models.ParameterSource;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * diffusers' ResnetBlock2D: two norm-SiLU-conv stages with the time embedding injected in
 * between, and a residual connection (1x1 conv when the channel count changes).
 */
public final class ResnetBlock2D {

    /** How the time embedding enters: added ("default") or as a FiLM scale and shift. */
    public enum TimeEmbeddingNorm {
        DEFAULT, SCALE_SHIFT;

        public static TimeEmbeddingNorm fromConfig(String value) {
            return switch (value) {
                case "default" -> DEFAULT;
                case "scale_shift" -> SCALE_SHIFT;
                default -> throw new IllegalArgumentException(
                        "resnet_time_scale_shift '" + value + "' is not supported (use default or scale_shift)");
            };
        }
    }

    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeEmbProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d convShortcut;
    private final TimeEmbeddingNorm timeEmbeddingNorm;
    private final double outputScaleFactor;

    public ResnetBlock2D(ParameterSource params, String prefix, long in, long out, long tembChannels,
                         long groups, double eps, TimeEmbeddingNorm timeEmbeddingNorm, double outputScaleFactor) {
        this.timeEmbeddingNorm = timeEmbeddingNorm;
        this.outputScaleFactor = outputScaleFactor;
        this.norm1 = new GroupNorm(params, prefix + ".norm1", groups, in, eps);
        this.conv1 = new Conv2d(params, prefix + ".conv1", in, out, 3, 1, 1);
        long projected = timeEmbeddingNorm == TimeEmbeddingNorm.SCALE_SHIFT ? 2 * out : out;
        this.timeEmbProj = new Linear(params, prefix + ".time_emb_proj", tembChannels, projected);
        this.norm2 = new GroupNorm(params, prefix + ".norm2", groups, out, eps);
        this.conv2 = new Conv2d(params, prefix + ".conv2", out, out, 3, 1, 1);
        this.convShortcut = in != out ? new Conv2d(params, prefix + ".conv_shortcut", in, out, 1, 1, 0) : null;
    }

    public Tensor forward(Tensor x, Tensor temb) {
        Tensor h = conv1.forward(torch.silu(norm1.forward(x)));
        Tensor t = timeEmbProj.forward(torch.silu(temb)).unsqueeze(-1).unsqueeze(-1);
        if (timeEmbeddingNorm == TimeEmbeddingNorm.DEFAULT) {
            h = norm2.forward(h.add(t));
        } else {
            TensorVector scaleShift = t.chunk(2, 1);
            h = norm2.forward(h).mul(scaleShift.get(0).add(new org.bytedeco.pytorch.Scalar(1.0))).add(scaleShift.get(1));
        }
        h = conv2.forward(torch.silu(h));
        Tensor shortcut = convShortcut != null ? convShortcut.forward(x) : x;
        Tensor out = shortcut.add(h);
        return outputScaleFactor == 1.0 ? out : out.div(new org.bytedeco.pytorch.Scalar(outputScaleFactor));
    }
}
