package dev.locus.engine.training;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hyper-parameters of a DDPM training run: everything that, with the model config and the
 * data, decides the weights bit for bit. How often to log or checkpoint is not in here.
 *
 * @param maxGradNorm clip the global gradient norm to this; 0 or less turns clipping off
 * @param emaDecay    the EMA decay the warm-up min(decay, (1 + n) / (10 + n)) rises to
 * @param seed        seeds the initial weights and the stream of timesteps and noise
 */
public record TrainingConfig(
        long totalSteps,
        int batchSize,
        double learningRate,
        long warmupSteps,
        LearningRateSchedule.Shape learningRateShape,
        double weightDecay,
        double maxGradNorm,
        double emaDecay,
        long seed) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public TrainingConfig {
        if (totalSteps < 1 || batchSize < 1) {
            throw new IllegalArgumentException("steps and batch size must be at least 1");
        }
        if (emaDecay < 0 || emaDecay >= 1) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + emaDecay);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be at least 0, got " + weightDecay);
        }
        schedule(learningRate, warmupSteps, totalSteps, learningRateShape); // validates the rate
    }

    /** Sensible defaults for a small UNet: AdamW 2e-4, 500 warm-up steps, clip 1.0, EMA 0.999. */
    public static TrainingConfig defaults(long totalSteps, int batchSize, long seed) {
        return new TrainingConfig(totalSteps, batchSize, 2e-4, 500, LearningRateSchedule.Shape.CONSTANT,
                0.0, 1.0, 0.999, seed);
    }

    public LearningRateSchedule schedule() {
        return schedule(learningRate, warmupSteps, totalSteps, learningRateShape);
    }

    public TrainingConfig withTotalSteps(long steps) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, learningRateShape, weightDecay,
                maxGradNorm, emaDecay, seed);
    }

    /**
     * What a resumed run would change compared with the run that wrote a checkpoint, one phrase
     * each; empty when resuming continues the same run. The step count may grow under a constant
     * rate (training longer), but not under cosine, whose curve depends on it.
     */
    public List<String> differencesFrom(TrainingConfig saved) {
        List<String> out = new ArrayList<>();
        compare(out, "batch size", saved.batchSize, batchSize);
        compare(out, "learning rate", saved.learningRate, learningRate);
        compare(out, "warm-up steps", saved.warmupSteps, warmupSteps);
        compare(out, "learning-rate schedule", saved.learningRateShape, learningRateShape);
        compare(out, "weight decay", saved.weightDecay, weightDecay);
        compare(out, "gradient clipping", saved.maxGradNorm, maxGradNorm);
        compare(out, "EMA decay", saved.emaDecay, emaDecay);
        compare(out, "seed", saved.seed, seed);
        if (learningRateShape == LearningRateSchedule.Shape.COSINE) {
            compare(out, "total steps (cosine schedule)", saved.totalSteps, totalSteps);
        }
        return out;
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("total_steps", totalSteps);
        node.put("batch_size", batchSize);
        node.put("learning_rate", learningRate);
        node.put("warmup_steps", warmupSteps);
        node.put("learning_rate_schedule", learningRateShape.name().toLowerCase());
        node.put("weight_decay", weightDecay);
        node.put("max_grad_norm", maxGradNorm);
        node.put("ema_decay", emaDecay);
        node.put("seed", seed);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    public static TrainingConfig fromJson(String json) {
        JsonNode node = JSON.readTree(json);
        return new TrainingConfig(
                node.get("total_steps").asLong(),
                node.get("batch_size").asInt(),
                node.get("learning_rate").asDouble(),
                node.get("warmup_steps").asLong(),
                LearningRateSchedule.Shape.valueOf(node.get("learning_rate_schedule").asString().toUpperCase()),
                node.get("weight_decay").asDouble(),
                node.get("max_grad_norm").asDouble(),
                node.get("ema_decay").asDouble(),
                node.get("seed").asLong());
    }

    private static LearningRateSchedule schedule(double rate, long warmup, long total, LearningRateSchedule.Shape shape) {
        return new LearningRateSchedule(rate, warmup, total, shape);
    }

    private static void compare(List<String> out, String what, Object saved, Object requested) {
        if (!saved.equals(requested)) {
            out.add(what + " " + requested + " (the checkpoint has " + saved + ")");
        }
    }
}
