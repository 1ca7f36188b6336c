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
 * @param cooldownSteps after a constant rate, decay linearly to zero over this many last steps (0: none)
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
        long cooldownSteps,
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
        // validates the rate and its shape (the compact constructor's fields are not assigned yet)
        new LearningRateSchedule(learningRate, warmupSteps, totalSteps, learningRateShape, cooldownSteps);
    }

    /** Sensible defaults for a small UNet: AdamW 2e-4, 500 warm-up steps, clip 1.0, EMA 0.999. */
    public static TrainingConfig defaults(long totalSteps, int batchSize, long seed) {
        return new TrainingConfig(totalSteps, batchSize, 2e-4, 500, LearningRateSchedule.Shape.CONSTANT, 0,
                0.0, 1.0, 0.999, seed);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate, warmupSteps, totalSteps, learningRateShape, cooldownSteps);
    }

    /**
     * The step the cool-down starts at, or -1 without one: the last state a longer run can branch from
     * (every later step has already decayed the rate).
     */
    public long cooldownStart() {
        return cooldownSteps > 0 ? totalSteps - cooldownSteps : -1;
    }

    public TrainingConfig withTotalSteps(long steps) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, learningRateShape, cooldownSteps,
                weightDecay, maxGradNorm, emaDecay, seed);
    }

    /**
     * What resuming, after {@code stepsTaken} steps of the run {@code saved} describes, with this
     * configuration would change in the steps already taken, one phrase each; empty when it
     * continues the same run. The schedule may change ahead of the checkpoint (train longer under
     * a constant rate, or add a cool-down that starts after it), never behind it.
     */
    public List<String> differencesFrom(TrainingConfig saved, long stepsTaken) {
        List<String> out = new ArrayList<>();
        compare(out, "batch size", saved.batchSize, batchSize);
        compare(out, "weight decay", saved.weightDecay, weightDecay);
        compare(out, "gradient clipping", saved.maxGradNorm, maxGradNorm);
        compare(out, "EMA decay", saved.emaDecay, emaDecay);
        compare(out, "seed", saved.seed, seed);
        long step = schedule().firstDifferenceFrom(saved.schedule(), stepsTaken);
        if (step >= 0) {
            out.add(String.format(java.util.Locale.ROOT, "learning rate %.4g at step %d, which the checkpoint already"
                    + " took at %.4g (the checkpoint is at step %d; a new schedule may differ only from there on)",
                    schedule().at(step), step, saved.schedule().at(step), stepsTaken));
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
        node.put("cooldown_steps", cooldownSteps);
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
                node.path("cooldown_steps").asLong(0), // absent in checkpoints written before cool-downs
                node.get("weight_decay").asDouble(),
                node.get("max_grad_norm").asDouble(),
                node.get("ema_decay").asDouble(),
                node.get("seed").asLong());
    }

    private static void compare(List<String> out, String what, Object saved, Object requested) {
        if (!saved.equals(requested)) {
            out.add(what + " " + requested + " (the checkpoint has " + saved + ")");
        }
    }
}
