package dev.locus.synthfaces.probe;

import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.torch.ReverseKernels;
import dev.locus.synthfaces.Factor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Trains a {@link FactorProbe} on faces generated on the fly (every step a fresh batch, so the probe
 * cannot overfit), checkpointing as it goes. Once all steps are done it calibrates the plausibility
 * threshold, evaluates on held-out faces and writes {@code probe.safetensors} and {@code evaluation.md}.
 */
public final class ProbeTrainer {

    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String WEIGHTS = "probe.safetensors";
    public static final String EVALUATION = "evaluation.md";

    /** Where training got to; {@code report} is null unless it finished. */
    public record Outcome(long stepsDone, boolean finished, double trainSeconds, EvaluationReport report) {}

    private final TrainSettings settings;
    private final Path outDir;
    private final PrintWriter log;

    public ProbeTrainer(TrainSettings settings, Path outDir, PrintWriter log) {
        this.settings = settings;
        this.outDir = outDir;
        this.log = log;
    }

    /** Trains from scratch, or from the checkpoint in the output folder if {@code resume} and there is one. */
    public Outcome run(boolean resume) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Path checkpointFile = outDir.resolve(CHECKPOINT);
        Start begin = begin(resume, checkpointFile);
        FactorProbe probe = begin.probe();
        TensorAdamW optimizer = begin.optimizer();
        long start = begin.step();
        double priorSeconds = begin.priorSeconds();
        log.printf(Locale.ROOT, "probe: %d parameters; %d steps of %d faces + %d outliers%n", probe.parameterCount(),
                settings.steps(), settings.batchSize(), settings.outliers());
        log.flush();

        long step = start;
        long began = System.nanoTime();
        LearningRate schedule = new LearningRate(settings.learningRate(), settings.warmupSteps(), settings.steps());
        double[] sums = new double[4];
        try (BatchPrefetcher batches = new BatchPrefetcher(start, settings.steps(), settings)) {
            while (step < settings.steps()) {
                trainStep(probe, optimizer, batches.next(), schedule.at(step), settings.factorWeights(), sums,
                        step == start);
                step++;
                double seconds = priorSeconds + (System.nanoTime() - began) / 1e9;
                if (step % settings.logEvery() == 0) {
                    logProgress(step, schedule.at(step - 1), sums, seconds);
                }
                if (settings.checkEvery() > 0 && step % settings.checkEvery() == 0) {
                    quickCheck(probe);
                }
                boolean outOfTime = settings.maxMinutes() > 0
                        && (System.nanoTime() - began) / 60e9 >= settings.maxMinutes();
                if (step % settings.checkpointEvery() == 0 || step == settings.steps() || outOfTime) {
                    ProbeCheckpoint.save(checkpointFile, probe, optimizer, checkpointMetadata(seconds));
                }
                if (outOfTime && step < settings.steps()) {
                    log.printf(Locale.ROOT, "time budget reached at step %d; continue with --resume%n", step);
                    log.flush();
                    return new Outcome(step, false, seconds, null);
                }
            }
        }
        double seconds = priorSeconds + (System.nanoTime() - began) / 1e9;
        EvaluationReport report = finish(probe, step, seconds);
        return new Outcome(step, true, seconds, report);
    }

    /** Where a run starts: fresh weights at step 0, or a checkpoint's weights, moments and step. */
    private record Start(FactorProbe probe, TensorAdamW optimizer, long step, double priorSeconds) {}

    private Start begin(boolean resume, Path checkpointFile) {
        if (resume && Files.isRegularFile(checkpointFile)) {
            ProbeCheckpoint checkpoint = ProbeCheckpoint.load(checkpointFile);
            TensorAdamW optimizer = new TensorAdamW(checkpoint.probe().parameters(), settings.weightDecay());
            optimizer.restore(checkpoint.optimizerState(), checkpoint.step());
            log.printf(Locale.ROOT, "resuming from step %d of %d (%s)%n", checkpoint.step(), settings.steps(),
                    checkpointFile);
            double seconds = Double.parseDouble(checkpoint.metadata().getOrDefault("train_seconds", "0"));
            return new Start(checkpoint.probe(), optimizer, checkpoint.step(), seconds);
        }
        if (resume) {
            log.println("no checkpoint in " + outDir + "; starting afresh");
        }
        FactorProbe probe = FactorProbe.random(settings.initSeed());
        return new Start(probe, new TensorAdamW(probe.parameters(), settings.weightDecay()), 0, 0);
    }

    private static void trainStep(FactorProbe probe, TensorAdamW optimizer, TrainingBatch batch, double lr,
            Map<Factor, Double> weights, double[] sums, boolean first) {
        try (PointerScope scope = new PointerScope()) {
            if (first) {
                // its gradients below the first layer come through the convolutions' input-gradient kernels
                JacobianProducts.checkReverseKernels(probe::forward, batch.images());
            }
            Tensor outputs = probe.forward(batch.images());
            ProbeLoss.Terms loss = ProbeLoss.of(outputs, batch.faces().factors(), weights);
            ReverseKernels.run(() -> {
                loss.total().backward();
                return null;
            });
            optimizer.step(lr);
            sums[0] += loss.total().item_double();
            sums[1] += loss.discrete().item_double();
            sums[2] += loss.continuous().item_double();
            sums[3] += loss.outlier().item_double();
        }
    }

    private void logProgress(long step, double lr, double[] sums, double seconds) {
        int n = settings.logEvery();
        log.printf(Locale.ROOT, "step %d/%d  lr %.2e  loss %.4f (discrete %.4f, continuous mse %.5f, outliers %.4f)"
                + "  %.0f s%n", step, settings.steps(), lr, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, seconds);
        log.flush();
        Arrays.fill(sums, 0);
    }

    /** A small held-out evaluation while training, to see progress per factor. */
    private void quickCheck(FactorProbe probe) {
        EvaluationReport r = ProbeEvaluation.evaluate(probe, Seeds.EVALUATION, 500);
        StringBuilder s = new StringBuilder("  held-out (500):");
        for (FactorScore f : r.factors()) {
            s.append(String.format(Locale.ROOT, " %s=%.3f", f.factor().id(),
                    f.isDiscrete() ? f.accuracy() : f.r2()));
        }
        log.println(s);
        log.flush();
    }

    /** Calibrate, evaluate, save the weights and the evaluation. */
    private EvaluationReport finish(FactorProbe trained, long steps, double seconds) throws IOException {
        log.printf(Locale.ROOT, "trained %d steps in %.0f s; calibrating and evaluating on %d + %d held-out faces%n",
                steps, seconds, settings.evalCount(), settings.evalCount());
        log.flush();
        FactorProbe probe = trained.withPlausibility(PlausibilityCheck.calibrate(trained, settings.evalCount()));
        EvaluationReport report = ProbeEvaluation.evaluate(probe, Seeds.EVALUATION, settings.evalCount());
        List<PlausibilityCheck.Row> plausibility = PlausibilityCheck.run(probe, settings.evalCount());

        Map<String, String> metadata = new LinkedHashMap<>(settings.asMetadata());
        metadata.put("steps", Long.toString(steps));
        metadata.put("faces_seen", Long.toString(steps * settings.batchSize()));
        metadata.put("train_seconds", String.format(Locale.ROOT, "%.0f", seconds));
        metadata.put("worst_discrete_accuracy", String.format(Locale.ROOT, "%.4f", report.worstDiscreteAccuracy()));
        ProbeFile.save(probe, outDir.resolve(WEIGHTS), metadata);

        String text = report.table() + "\n" + PlausibilityCheck.table(plausibility, probe.plausibility());
        Files.writeString(outDir.resolve(EVALUATION), text);
        log.println(text);
        log.flush();
        return report;
    }

    private Map<String, String> checkpointMetadata(double seconds) {
        Map<String, String> m = new LinkedHashMap<>(settings.asMetadata());
        m.put("train_seconds", String.format(Locale.ROOT, "%.1f", seconds));
        return m;
    }
}
