package dev.locus.engine.models.unet2d;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.models.HSpaceDenoiser;
import dev.locus.engine.models.ParameterSource;
import dev.locus.engine.models.RecordingParameters;
import dev.locus.engine.models.layers.Conv2d;
import dev.locus.engine.models.layers.GroupNorm;
import dev.locus.engine.models.layers.SinusoidalTimesteps;
import dev.locus.engine.models.layers.TimestepEmbedding;
import dev.locus.engine.torch.NativeRuntime;
import dev.locus.engine.torch.Scopes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * diffusers' UNet2DModel, the unconditional DDPM UNet, in eval mode.
 *
 * <p>The forward pass is split at h-space, the output of the mid block: {@link #encode} runs
 * the time embedding, the down path and the mid block; {@link #decode} runs the up path from a
 * (possibly edited) h. JIVE and Haas et al. differentiate {@code decode} with respect to h and
 * add directions to it, with the same network code as a plain forward pass.
 */
public final class UNet2DModel implements HSpaceDenoiser {

    /** What the down path leaves for the up path: h, the skip stack and the time embedding. */
    public record Encoded(Tensor h, List<Tensor> skips, Tensor temb) {}

    /** Noise prediction plus the h-space activation it was decoded from. */
    public record Output(Tensor eps, Tensor hMid) {}

    static {
        NativeRuntime.configure();
    }

    private final UNet2DConfig config;
    private final Map<String, Tensor> parameters;
    private final SinusoidalTimesteps timeProj;
    private final TimestepEmbedding timeEmbedding;
    private final Conv2d convIn;
    private final List<DownBlock> downBlocks = new ArrayList<>();
    private final MidBlock midBlock;
    private final List<UpBlock> upBlocks = new ArrayList<>();
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    public UNet2DModel(UNet2DConfig config, ParameterSource source) {
        this.config = config;
        RecordingParameters params = new RecordingParameters(source);
        List<Integer> channels = config.blockOutChannels();
        int c0 = channels.get(0);
        this.timeProj = new SinusoidalTimesteps(c0, config.flipSinToCos(), config.freqShift());
        this.timeEmbedding = new TimestepEmbedding(params, "time_embedding", c0, config.timeEmbedDim());
        this.convIn = new Conv2d(params, "conv_in", config.inChannels(), c0, 3, 1, 1);

        int out = c0;
        for (int i = 0; i < channels.size(); i++) {
            int in = out;
            out = channels.get(i);
            boolean last = i == channels.size() - 1;
            downBlocks.add(new DownBlock(params, "down_blocks." + i, config, config.downBlockTypes().get(i), in, out, !last));
        }
        this.midBlock = new MidBlock(params, "mid_block", config, channels.get(channels.size() - 1));

        List<Integer> reversed = new ArrayList<>(channels);
        java.util.Collections.reverse(reversed);
        out = reversed.get(0);
        for (int i = 0; i < reversed.size(); i++) {
            int previous = out;
            out = reversed.get(i);
            int in = reversed.get(Math.min(i + 1, reversed.size() - 1));
            boolean last = i == reversed.size() - 1;
            upBlocks.add(new UpBlock(params, "up_blocks." + i, config, config.upBlockTypes().get(i), in, out, previous, !last));
        }
        int outGroups = config.normNumGroups();
        this.convNormOut = new GroupNorm(params, "conv_norm_out", outGroups, c0, config.normEps());
        this.convOut = new Conv2d(params, "conv_out", c0, config.outChannels(), 3, 1, 1);
        this.parameters = params.recorded();
    }

    public UNet2DConfig config() {
        return config;
    }

    /** Every parameter by its canonical state-dict name, in construction order. */
    public Map<String, Tensor> parameters() {
        return parameters;
    }

    public long parameterCount() {
        return parameters.values().stream().mapToLong(Tensor::numel).sum();
    }

    @Override
    public long[] sampleShape() {
        return new long[] {config.inChannels(), config.sampleSize(), config.sampleSize()};
    }

    @Override
    public Tensor predictNoise(Tensor sample, Tensor timesteps) {
        return forward(sample, timesteps, null).eps();
    }

    @Override
    public Tensor predictNoise(Tensor sample, Tensor timesteps, Tensor hDelta) {
        return forward(sample, timesteps, hDelta).eps();
    }

    @Override
    public java.util.Optional<HSpaceDenoiser> hSpace() {
        return java.util.Optional.of(this);
    }

    /**
     * eps_theta(x_t, t), with {@code hDelta} (nullable) added to the mid-block output first.
     *
     * @param timesteps [B], [1] or a scalar; int64, or float for fractional timesteps
     */
    public Output forward(Tensor sample, Tensor timesteps, Tensor hDelta) {
        Tensor[] out = Scopes.computeAll(() -> {
            Encoded encoded = encode(sample, timesteps);
            Tensor h = hDelta == null ? encoded.h() : encoded.h().add(hDelta);
            return new Tensor[] {decode(encoded, h), h};
        });
        return new Output(out[0], out[1]);
    }

    /** Time embedding, conv_in, down path and mid block. */
    public Encoded encode(Tensor sample, Tensor timesteps) {
        return encode(sample, timesteps, ActivationObserver.NONE);
    }

    /** As {@link #encode(Tensor, Tensor)}, showing each module's output to {@code observer}. */
    public Encoded encode(Tensor sample, Tensor timesteps, ActivationObserver observer) {
        Tensor[] out = Scopes.computeAll(() -> {
            Tensor x = config.centerInputSample() ? sample.mul(new Scalar(2.0)).sub(new Scalar(1.0)) : sample;
            Tensor t = broadcastTimesteps(timesteps, x.size(0)).to(x.device(), timesteps.scalar_type());
            Tensor projected = timeProj.forward(t);
            observer.observe("time_proj", projected);
            Tensor temb = timeEmbedding.forward(projected.to(x.scalar_type()));
            observer.observe("time_embedding", temb);

            Deque<Tensor> skips = new ArrayDeque<>();
            Tensor h = convIn.forward(x);
            observer.observe("conv_in", h);
            skips.push(h);
            for (int i = 0; i < downBlocks.size(); i++) {
                h = downBlocks.get(i).forward(h, temb, skips);
                observer.observe("down_blocks." + i, h);
            }
            h = midBlock.forward(h, temb);
            observer.observe("mid_block", h);

            List<Tensor> results = new ArrayList<>();
            results.add(h);
            results.add(temb);
            results.addAll(skips);
            return results.toArray(new Tensor[0]);
        });
        return new Encoded(out[0], List.of(out).subList(2, out.length), out[1]);
    }

    /** Up path and output head from h-space. {@code encoded} is left untouched. */
    public Tensor decode(Encoded encoded, Tensor h) {
        return decode(encoded, h, ActivationObserver.NONE);
    }

    /** As {@link #decode(Encoded, Tensor)}, showing each module's output to {@code observer}. */
    public Tensor decode(Encoded encoded, Tensor h, ActivationObserver observer) {
        return Scopes.compute(() -> {
            Tensor x = h;
            Deque<Tensor> skips = new ArrayDeque<>(encoded.skips());
            for (int i = 0; i < upBlocks.size(); i++) {
                x = upBlocks.get(i).forward(x, encoded.temb(), skips);
                observer.observe("up_blocks." + i, x);
            }
            if (!skips.isEmpty()) {
                throw new IllegalStateException(skips.size() + " skip connections left unused: block layout mismatch");
            }
            Tensor normed = convNormOut.forward(x);
            observer.observe("conv_norm_out", normed);
            Tensor eps = convOut.forward(torch.silu(normed));
            observer.observe("conv_out", eps);
            return eps;
        });
    }

    private static Tensor broadcastTimesteps(Tensor timesteps, long batch) {
        if (timesteps.dim() == 0) {
            return timesteps.reshape(1).expand(batch);
        }
        if (timesteps.dim() != 1 || (timesteps.size(0) != batch && timesteps.size(0) != 1)) {
            throw new IllegalArgumentException("timesteps must have shape [" + batch + "], [1] or [], got "
                    + java.util.Arrays.toString(timesteps.shape()));
        }
        return timesteps.size(0) == batch ? timesteps : timesteps.expand(batch);
    }
}
