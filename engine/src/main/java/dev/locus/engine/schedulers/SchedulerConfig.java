package dev.locus.engine.schedulers;

import static dev.locus.engine.io.ConfigJson.bool;
import static dev.locus.engine.io.ConfigJson.integer;
import static dev.locus.engine.io.ConfigJson.number;
import static dev.locus.engine.io.ConfigJson.text;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A diffusers {@code scheduler_config.json} (DDPM, DDIM or DDIMInverse; unknown keys such as
 * DDPM's variance_type are ignored), with diffusers' defaults for missing keys.
 */
public record SchedulerConfig(
        int numTrainTimesteps,
        double betaStart,
        double betaEnd,
        String betaSchedule,
        boolean clipSample,
        double clipSampleRange,
        boolean setAlphaToOne,
        int stepsOffset,
        PredictionType predictionType,
        boolean thresholding,
        double dynamicThresholdingRatio,
        double sampleMaxValue,
        String timestepSpacing) {

    public enum PredictionType {
        EPSILON, V_PREDICTION, SAMPLE;

        static PredictionType fromConfig(String value) {
            return switch (value) {
                case "epsilon" -> EPSILON;
                case "v_prediction" -> V_PREDICTION;
                case "sample" -> SAMPLE;
                default -> throw new IllegalArgumentException("prediction_type '" + value
                        + "' is not supported (epsilon, v_prediction or sample)");
            };
        }
    }

    /** The DDPM training schedule: linear betas 1e-4..0.02 over 1000 steps, leading spacing. */
    public static SchedulerConfig ddpmDefault() {
        return new SchedulerConfig(1000, 1e-4, 0.02, "linear", true, 1.0, true, 0,
                PredictionType.EPSILON, false, 0.995, 1.0, "leading");
    }

    public static SchedulerConfig fromJson(String json) {
        JsonNode node = JsonMapper.builder().build().readTree(json);
        if (node.has("trained_betas") && !node.get("trained_betas").isNull()) {
            throw new IllegalArgumentException("trained_betas is not supported; use beta_schedule");
        }
        if (node.has("rescale_betas_zero_snr") && node.get("rescale_betas_zero_snr").asBoolean()) {
            throw new IllegalArgumentException("rescale_betas_zero_snr is not supported");
        }
        // DDIMInverseScheduler configs written by old diffusers say set_alpha_to_zero.
        boolean alphaToOne = node.has("set_alpha_to_one") ? node.get("set_alpha_to_one").asBoolean()
                : !node.has("set_alpha_to_zero") || node.get("set_alpha_to_zero").asBoolean();
        return new SchedulerConfig(
                integer(node, "num_train_timesteps", 1000),
                number(node, "beta_start", 1e-4),
                number(node, "beta_end", 0.02),
                text(node, "beta_schedule", "linear"),
                bool(node, "clip_sample", true),
                number(node, "clip_sample_range", 1.0),
                alphaToOne,
                integer(node, "steps_offset", 0),
                PredictionType.fromConfig(text(node, "prediction_type", "epsilon")),
                bool(node, "thresholding", false),
                number(node, "dynamic_thresholding_ratio", 0.995),
                number(node, "sample_max_value", 1.0),
                text(node, "timestep_spacing", "leading"));
    }

    /** The same schedule with clipping off, as inversion needs. */
    public SchedulerConfig withoutClipping() {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, false, clipSampleRange,
                setAlphaToOne, stepsOffset, predictionType, false, dynamicThresholdingRatio, sampleMaxValue,
                timestepSpacing);
    }

    public SchedulerConfig withSpacing(String spacing) {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, clipSample, clipSampleRange,
                setAlphaToOne, stepsOffset, predictionType, thresholding, dynamicThresholdingRatio, sampleMaxValue,
                spacing);
    }

    /** As diffusers writes it for a DDIMScheduler. */
    public String toJson() {
        var node = JsonMapper.builder().build().createObjectNode();
        node.put("_class_name", "DDIMScheduler");
        node.put("_diffusers_version", "0.31.0");
        node.put("num_train_timesteps", numTrainTimesteps);
        node.put("beta_start", betaStart);
        node.put("beta_end", betaEnd);
        node.put("beta_schedule", betaSchedule);
        node.putNull("trained_betas");
        node.put("clip_sample", clipSample);
        node.put("clip_sample_range", clipSampleRange);
        node.put("set_alpha_to_one", setAlphaToOne);
        node.put("steps_offset", stepsOffset);
        node.put("prediction_type", predictionType.name().toLowerCase());
        node.put("thresholding", thresholding);
        node.put("dynamic_thresholding_ratio", dynamicThresholdingRatio);
        node.put("sample_max_value", sampleMaxValue);
        node.put("timestep_spacing", timestepSpacing);
        node.put("rescale_betas_zero_snr", false);
        return node.toPrettyString();
    }
}
