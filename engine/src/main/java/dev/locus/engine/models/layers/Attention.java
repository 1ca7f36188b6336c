package dev.locus.engine.models.layers;

import dev.locus.engine.models.ParameterSource;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Spatial self-attention as in diffusers' AttnDownBlock2D / UNetMidBlock2D: group norm, one or
 * more heads over the H*W positions, output projection, residual, rescale.
 *
 * <p>Scores are computed explicitly (baddbmm, softmax in float32, bmm), as diffusers'
 * AttnProcessor does: it is the reference for parity, and unlike fused kernels it is twice
 * differentiable, which the double-backward Jacobian-vector product needs.
 */
public final class Attention {

    /** Checkpoints converted before diffusers 0.14 use these names for the projections. */
    public static final Map<String, String> LEGACY_NAMES = Map.of(
            "to_q", "query", "to_k", "key", "to_v", "value", "to_out.0", "proj_attn");

    private final GroupNorm groupNorm;
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;
    private final long heads;
    private final long headDim;
    private final double scale;
    private final double rescaleOutputFactor;

    /**
     * @param groups norm groups, or 0 for no norm (mid block with scale_shift and no
     *               attn_norm_num_groups)
     */
    public Attention(ParameterSource params, String prefix, long channels, long headDim,
                     long groups, double eps, double rescaleOutputFactor) {
        if (channels % headDim != 0) {
            throw new IllegalArgumentException(prefix + ": " + channels + " channels do not split into heads of " + headDim);
        }
        this.groupNorm = groups > 0 ? new GroupNorm(params, prefix + ".group_norm", groups, channels, eps) : null;
        this.toQ = new Linear(params, prefix + ".to_q", channels, channels);
        this.toK = new Linear(params, prefix + ".to_k", channels, channels);
        this.toV = new Linear(params, prefix + ".to_v", channels, channels);
        this.toOut = new Linear(params, prefix + ".to_out.0", channels, channels);
        this.heads = channels / headDim;
        this.headDim = headDim;
        this.scale = 1.0 / Math.sqrt(headDim);
        this.rescaleOutputFactor = rescaleOutputFactor;
    }

    public Tensor forward(Tensor x) {
        long b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        Tensor tokens = x.view(b, c, h * w);
        if (groupNorm != null) {
            tokens = groupNorm.forward(tokens);
        }
        tokens = tokens.transpose(1, 2);
        Tensor q = splitHeads(toQ.forward(tokens));
        Tensor k = splitHeads(toK.forward(tokens));
        Tensor v = splitHeads(toV.forward(tokens));
        Tensor scores = torch.baddbmm(torch.empty(new long[] {b * heads, h * w, h * w}, q.options(), null),
                q, k.transpose(-1, -2), new Scalar(0.0), new Scalar(scale));
        Tensor probs = torch.softmax(scores, -1, new ScalarTypeOptional(torch.ScalarType.Float)).to(q.scalar_type());
        Tensor attended = mergeHeads(torch.bmm(probs, v), b);
        Tensor out = toOut.forward(attended).transpose(-1, -2).reshape(b, c, h, w).add(x);
        return rescaleOutputFactor == 1.0 ? out : out.div(new Scalar(rescaleOutputFactor));
    }

    private Tensor splitHeads(Tensor t) {
        long b = t.size(0), n = t.size(1);
        return t.reshape(b, n, heads, headDim).permute(0, 2, 1, 3).reshape(b * heads, n, headDim);
    }

    private Tensor mergeHeads(Tensor t, long batch) {
        long n = t.size(1);
        return t.reshape(batch, heads, n, headDim).permute(0, 2, 1, 3).reshape(batch, n, heads * headDim);
    }
}
