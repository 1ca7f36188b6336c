package dev.locus.synthfaces.train;

import dev.locus.engine.models.unet2d.UNet2DConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The few architecture choices that matter for a small unconditional UNet, turned into a full
 * diffusers config with diffusers' defaults for the rest.
 *
 * @param channels        block_out_channels, one entry per resolution level
 * @param attentionLevels levels (0 = full resolution) whose down and up blocks get self-attention
 * @param midAttention    self-attention in the mid block (diffusers' add_attention)
 * @param headDim         attention_head_dim; null for one head over all channels
 */
public record UNetShape(int size, List<Integer> channels, int layersPerBlock, Set<Integer> attentionLevels,
                        boolean midAttention, int normGroups, Integer headDim) {

    public UNetShape {
        channels = List.copyOf(channels);
        attentionLevels = Set.copyOf(new TreeSet<>(attentionLevels));
        validate(size, channels, layersPerBlock, attentionLevels, normGroups, headDim, midAttention);
    }

    public UNet2DConfig toConfig() {
        List<String> down = new ArrayList<>();
        List<String> up = new ArrayList<>();
        for (int level = 0; level < channels.size(); level++) {
            down.add(attentionLevels.contains(level) ? "AttnDownBlock2D" : "DownBlock2D");
        }
        for (int level = channels.size() - 1; level >= 0; level--) {
            up.add(attentionLevels.contains(level) ? "AttnUpBlock2D" : "UpBlock2D");
        }
        return new UNet2DConfig(size, 3, 3, false, true, 0, null, down, up, channels, layersPerBlock, 1, 1,
                headDim, normGroups, null, 1e-5, "default", midAttention);
    }

    /** Resolution of a level: the sample size halved once per level above 0. */
    public int resolution(int level) {
        return size >> level;
    }

    private static void validate(int size, List<Integer> channels, int layersPerBlock, Set<Integer> attentionLevels,
                                 int normGroups, Integer headDim, boolean midAttention) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("--channels needs at least one level");
        }
        if (layersPerBlock < 1) {
            throw new IllegalArgumentException("--layers-per-block must be at least 1");
        }
        if (size % (1 << (channels.size() - 1)) != 0) {
            throw new IllegalArgumentException("size " + size + " cannot be halved " + (channels.size() - 1)
                    + " times for " + channels.size() + " levels");
        }
        for (int level : attentionLevels) {
            if (level < 0 || level >= channels.size()) {
                throw new IllegalArgumentException("--attention-levels: level " + level + " does not exist (0.."
                        + (channels.size() - 1) + ")");
            }
        }
        for (int c : channels) {
            if (c % normGroups != 0) {
                throw new IllegalArgumentException("--norm-groups " + normGroups + " does not divide " + c + " channels");
            }
        }
        if (headDim != null) {
            List<Integer> withAttention = new ArrayList<>();
            attentionLevels.forEach(level -> withAttention.add(channels.get(level)));
            if (midAttention) {
                withAttention.add(channels.get(channels.size() - 1));
            }
            for (int c : withAttention) {
                if (c % headDim != 0) {
                    throw new IllegalArgumentException("--head-dim " + headDim + " does not divide " + c + " channels");
                }
            }
        }
    }
}
