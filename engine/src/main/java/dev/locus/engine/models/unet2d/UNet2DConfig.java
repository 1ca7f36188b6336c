package dev.locus.engine.models.unet2d;

import static dev.locus.engine.io.ConfigJson.bool;
import static dev.locus.engine.io.ConfigJson.integer;
import static dev.locus.engine.io.ConfigJson.integers;
import static dev.locus.engine.io.ConfigJson.number;
import static dev.locus.engine.io.ConfigJson.strings;
import static dev.locus.engine.io.ConfigJson.text;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The architecture of a diffusers UNet2DModel, read from its {@code config.json} with
 * diffusers' defaults for missing keys. Unknown keys are ignored, as diffusers does: real
 * configs carry keys from other versions.
 *
 * @param attentionHeadDim size of one attention head; {@code null} means one head spanning all
 *                         channels (an explicit JSON null; a missing key means 8)
 * @param attnNormNumGroups groups of the attention norm, {@code null} to use normNumGroups
 */
public record UNet2DConfig(
        int sampleSize,
        int inChannels,
        int outChannels,
        boolean centerInputSample,
        boolean flipSinToCos,
        double freqShift,
        Integer timeEmbeddingDim,
        List<String> downBlockTypes,
        List<String> upBlockTypes,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        double midBlockScaleFactor,
        int downsamplePadding,
        Integer attentionHeadDim,
        int normNumGroups,
        Integer attnNormNumGroups,
        double normEps,
        String resnetTimeScaleShift,
        boolean addAttention) {

    static final Set<String> DOWN_TYPES = Set.of("DownBlock2D", "AttnDownBlock2D");
    static final Set<String> UP_TYPES = Set.of("UpBlock2D", "AttnUpBlock2D");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public UNet2DConfig {
        downBlockTypes = List.copyOf(downBlockTypes);
        upBlockTypes = List.copyOf(upBlockTypes);
        blockOutChannels = List.copyOf(blockOutChannels);
        validate(downBlockTypes, upBlockTypes, blockOutChannels, layersPerBlock, resnetTimeScaleShift);
    }

    /** Parses a diffusers {@code config.json}; fails naming the key for values Locus cannot run. */
    public static UNet2DConfig fromJson(String json) {
        JsonNode node = JSON.readTree(json);
        if (!node.isObject()) {
            throw new IllegalArgumentException("config.json is not a JSON object");
        }
        String className = text(node, "_class_name", "UNet2DModel");
        if (!className.equals("UNet2DModel")) {
            throw new IllegalArgumentException("config.json describes a " + className + ", not a UNet2DModel");
        }
        requireValue(node, "time_embedding_type", "positional");
        requireValue(node, "act_fn", "silu");
        requireNull(node, "class_embed_type");
        requireNull(node, "num_class_embeds");
        requireValue(node, "downsample_type", "conv");
        requireValue(node, "upsample_type", "conv");
        requireValue(node, "mid_block_type", "UNetMidBlock2D");
        return new UNet2DConfig(
                sampleSize(node),
                integer(node, "in_channels", 3),
                integer(node, "out_channels", 3),
                bool(node, "center_input_sample", false),
                bool(node, "flip_sin_to_cos", true),
                number(node, "freq_shift", 0),
                nullableInteger(node, "time_embedding_dim", null),
                strings(node, "down_block_types",
                        List.of("DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D")),
                strings(node, "up_block_types",
                        List.of("AttnUpBlock2D", "AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D")),
                integers(node, "block_out_channels", List.of(224, 448, 672, 896)),
                integer(node, "layers_per_block", 2),
                number(node, "mid_block_scale_factor", 1),
                integer(node, "downsample_padding", 1),
                nullableInteger(node, "attention_head_dim", 8),
                integer(node, "norm_num_groups", 32),
                nullableInteger(node, "attn_norm_num_groups", null),
                number(node, "norm_eps", 1e-5),
                text(node, "resnet_time_scale_shift", "default"),
                bool(node, "add_attention", true));
    }

    /** The configuration as diffusers would write it, for saving a trained model. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("_class_name", "UNet2DModel");
        node.put("_diffusers_version", "0.31.0");
        node.put("sample_size", sampleSize);
        node.put("in_channels", inChannels);
        node.put("out_channels", outChannels);
        node.put("center_input_sample", centerInputSample);
        node.put("time_embedding_type", "positional");
        if (timeEmbeddingDim != null) {
            node.put("time_embedding_dim", timeEmbeddingDim);
        }
        node.put("freq_shift", freqShift);
        node.put("flip_sin_to_cos", flipSinToCos);
        downBlockTypes.forEach(node.putArray("down_block_types")::add);
        upBlockTypes.forEach(node.putArray("up_block_types")::add);
        blockOutChannels.forEach(node.putArray("block_out_channels")::add);
        node.put("layers_per_block", layersPerBlock);
        node.put("mid_block_scale_factor", midBlockScaleFactor);
        node.put("downsample_padding", downsamplePadding);
        node.put("downsample_type", "conv");
        node.put("upsample_type", "conv");
        node.put("dropout", 0.0);
        node.put("act_fn", "silu");
        if (attentionHeadDim == null) {
            node.putNull("attention_head_dim");
        } else {
            node.put("attention_head_dim", attentionHeadDim);
        }
        node.put("norm_num_groups", normNumGroups);
        if (attnNormNumGroups == null) {
            node.putNull("attn_norm_num_groups");
        } else {
            node.put("attn_norm_num_groups", attnNormNumGroups);
        }
        node.put("norm_eps", normEps);
        node.put("resnet_time_scale_shift", resnetTimeScaleShift);
        node.put("add_attention", addAttention);
        node.putNull("class_embed_type");
        node.putNull("num_class_embeds");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** Width of the time embedding MLP: 4 x block_out_channels[0] unless configured. */
    public int timeEmbedDim() {
        return timeEmbeddingDim != null ? timeEmbeddingDim : 4 * blockOutChannels.get(0);
    }

    /** Size of one attention head in a block of {@code channels}. */
    public int headDim(int channels) {
        return attentionHeadDim != null ? attentionHeadDim : channels;
    }

    /** One-line summary for {@code info} and the model registry. */
    public String summary() {
        return "sample_size=" + sampleSize + " channels=" + inChannels + "->" + outChannels
                + " block_out_channels=" + blockOutChannels + " layers_per_block=" + layersPerBlock
                + " down=" + downBlockTypes + " up=" + upBlockTypes
                + " attention_head_dim=" + (attentionHeadDim == null ? "all" : attentionHeadDim)
                + " norm_eps=" + normEps + " resnet_time_scale_shift=" + resnetTimeScaleShift;
    }

    private static void validate(List<String> down, List<String> up, List<Integer> channels,
                                 int layersPerBlock, String timeScaleShift) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("block_out_channels is empty");
        }
        if (down.size() != channels.size() || up.size() != channels.size()) {
            throw new IllegalArgumentException("down_block_types (" + down.size() + "), up_block_types ("
                    + up.size() + ") and block_out_channels (" + channels.size() + ") must have the same length");
        }
        for (String type : down) {
            if (!DOWN_TYPES.contains(type)) {
                throw new IllegalArgumentException("down_block_types: unsupported block " + type + " (supported: " + DOWN_TYPES + ")");
            }
        }
        for (String type : up) {
            if (!UP_TYPES.contains(type)) {
                throw new IllegalArgumentException("up_block_types: unsupported block " + type + " (supported: " + UP_TYPES + ")");
            }
        }
        if (layersPerBlock < 1) {
            throw new IllegalArgumentException("layers_per_block must be at least 1, got " + layersPerBlock);
        }
        if (!timeScaleShift.equals("default") && !timeScaleShift.equals("scale_shift")) {
            throw new IllegalArgumentException("resnet_time_scale_shift '" + timeScaleShift + "' is not supported (default or scale_shift)");
        }
    }

    private static int sampleSize(JsonNode node) {
        JsonNode value = node.get("sample_size");
        if (value == null || value.isNull()) {
            return 0;
        }
        return value.isArray() ? value.get(0).asInt() : value.asInt();
    }

    private static void requireValue(JsonNode node, String key, String supported) {
        JsonNode value = node.get(key);
        if (value != null && !value.isNull() && !value.asString().equals(supported)) {
            throw new IllegalArgumentException(key + " '" + value.asString() + "' is not supported (only " + supported + ")");
        }
    }

    private static void requireNull(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value != null && !value.isNull()) {
            throw new IllegalArgumentException(key + " " + value + " is not supported: class-conditional UNets are not ported");
        }
    }

    private static Integer nullableInteger(JsonNode node, String key, Integer whenMissing) {
        if (!node.has(key)) {
            return whenMissing;
        }
        JsonNode value = node.get(key);
        if (value.isArray()) {
            throw new IllegalArgumentException(key + ": per-block values are not supported, got " + value);
        }
        return value.isNull() ? null : value.asInt();
    }
}
