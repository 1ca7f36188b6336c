package dev.locus.synthfaces.probe.cli;

import dev.locus.synthfaces.probe.ProbeTrainer;
import dev.locus.synthfaces.probe.TrainSettings;
import dev.locus.synthfaces.Factor;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "probe-train", mixinStandardHelpOptions = true,
        description = {"Train the factor probe on faces generated on the fly (a fresh batch every step).",
                "Checkpoints to OUT/checkpoint.safetensors; when all steps are done, calibrates the plausibility "
                        + "threshold, evaluates on held-out faces and writes OUT/probe.safetensors and "
                        + "OUT/evaluation.md."})
public final class ProbeTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Optimizer steps in all.")
    long steps;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for checkpoint and weights.")
    Path out;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.safetensors if there is one.")
    boolean resume;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "Faces per step (${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--outliers", defaultValue = "8", paramLabel = "K",
            description = "Non-face images (noise, shuffled, blurred, averaged faces) added to each batch with a "
                    + "'don't know' target, so that low confidence marks implausible images (${DEFAULT-VALUE}; 0: none).")
    int outliers;

    @Option(names = "--soft-fraction", defaultValue = "0.25", paramLabel = "F",
            description = "Share of faces blurred slightly (sigma 0.2 to 0.8 px) with their labels kept, so that "
                    + "soft samples still read right (${DEFAULT-VALUE}).")
    double softFraction;

    @Option(names = "--factor-weight", paramLabel = "NAME=W",
            description = "Extra loss weight for one factor, e.g. iris_colour=4 (repeatable; default 1).")
    Map<String, Double> factorWeights = new LinkedHashMap<>();

    @Option(names = "--lr", defaultValue = "2e-3", paramLabel = "LR", description = "Peak learning rate (${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0.01", paramLabel = "WD",
            description = "AdamW weight decay on conv and linear weights (${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--warmup", defaultValue = "150", paramLabel = "N", description = "Warm-up steps (${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the initial weights (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "libtorch threads (${DEFAULT-VALUE}); one more thread renders faces.")
    int threads;

    @Option(names = "--checkpoint-every", defaultValue = "250", paramLabel = "N",
            description = "Steps between checkpoints (${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--log-every", defaultValue = "50", paramLabel = "N",
            description = "Steps between progress lines (${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--check-every", defaultValue = "0", paramLabel = "N",
            description = "Steps between quick accuracy checks on 500 held-out faces (default: none).")
    int checkEvery;

    @Option(names = "--max-minutes", defaultValue = "0", paramLabel = "M",
            description = "Stop (with a checkpoint) after M minutes; continue later with --resume (default: no limit).")
    double maxMinutes;

    @Option(names = "--eval-count", defaultValue = "2000", paramLabel = "N",
            description = "Held-out faces for the final evaluation and for calibration (${DEFAULT-VALUE}).")
    int evalCount;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        Map<Factor, Double> weights = new EnumMap<>(Factor.class);
        try {
            factorWeights.forEach((name, w) -> weights.put(Factor.fromId(name), w));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--factor-weight: " + e.getMessage());
        }
        TrainSettings settings;
        try {
            settings = new TrainSettings(steps, batchSize, outliers, softFraction, learningRate, weightDecay, warmup, seed, checkpointEvery,
                    logEvery, checkEvery, maxMinutes, evalCount, weights);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "need --steps >= 1, --batch-size >= 2, --lr > 0, "
                    + "--eval-count >= 100, positive factor weights and no negative settings");
        }
        torch.set_num_threads(threads);
        PrintWriter log = spec.commandLine().getOut();
        ProbeTrainer.Outcome outcome = new ProbeTrainer(settings, out, log).run(resume);
        return outcome.finished() ? 0 : 3;
    }
}
