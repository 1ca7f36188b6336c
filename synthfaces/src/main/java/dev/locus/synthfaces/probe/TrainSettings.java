package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.Factor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a probe is trained. Stored in checkpoints, so a resumed run can report what it continues.
 *
 * @param steps optimizer steps in all (the learning-rate schedule ends here)
 * @param batchSize fresh faces per step
 * @param outliers non-face images added to each step's batch ({@link OutlierImages}); 0 for none
 * @param softFraction share of faces slightly blurred, labels kept ({@link SoftFaces}); 0 for none
 * @param warmupSteps steps of linear learning-rate warm-up
 * @param initSeed seed of the initial weights
 * @param checkpointEvery steps between checkpoints
 * @param logEvery steps between progress lines
 * @param checkEvery steps between quick held-out accuracy checks (0: none)
 * @param maxMinutes wall-clock budget for this invocation; on reaching it training checkpoints and stops,
 *     to be continued with resume (0: no limit)
 * @param evalCount held-out faces for the final evaluation and for calibrating plausibility
 * @param factorWeights extra loss weight of some factors (absent: 1)
 */
public record TrainSettings(long steps, int batchSize, int outliers, double softFraction, double learningRate, double weightDecay,
                            long warmupSteps, long initSeed, int checkpointEvery, int logEvery, int checkEvery, double maxMinutes,
                            int evalCount, Map<Factor, Double> factorWeights) {

    public TrainSettings {
        if (steps < 1 || batchSize < 2 || outliers < 0 || !(softFraction >= 0 && softFraction <= 1) || learningRate <= 0 || weightDecay < 0 || warmupSteps < 0
                || checkpointEvery < 1 || logEvery < 1 || checkEvery < 0 || maxMinutes < 0 || evalCount < 100) {
            throw new IllegalArgumentException("training settings out of range: need steps >= 1, batch size >= 2, "
                    + "learning rate > 0, at least 100 evaluation faces and nothing negative");
        }
        if (factorWeights.values().stream().anyMatch(w -> !(w > 0))) {
            throw new IllegalArgumentException("factor weights must be positive: " + factorWeights);
        }
        factorWeights = Map.copyOf(factorWeights);
    }

    Map<String, String> asMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps_planned", Long.toString(steps));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("outliers_per_batch", Integer.toString(outliers));
        m.put("soft_fraction", Double.toString(softFraction));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("warmup_steps", Long.toString(warmupSteps));
        m.put("init_seed", Long.toString(initSeed));
        if (!factorWeights.isEmpty()) {
            StringBuilder w = new StringBuilder();
            new TreeMap<>(factorWeights).forEach((f, v) -> w.append(w.length() == 0 ? "" : ",").append(f.id())
                    .append("=").append(v));
            m.put("factor_weights", w.toString());
        }
        return m;
    }
}
