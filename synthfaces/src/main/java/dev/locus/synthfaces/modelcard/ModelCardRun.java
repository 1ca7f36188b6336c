package dev.locus.synthfaces.modelcard;

import dev.locus.engine.io.Images;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.synthfaces.probe.FaceBatch;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.ProbeFile;
import dev.locus.synthfaces.probe.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * A model-card evaluation from start to end: checks the inputs, samples the model, scores the samples and the
 * generator's own faces with the probe, and writes samples.png, loss-curve.png, evaluation.json and
 * evaluation.md into the output folder.
 */
public final class ModelCardRun {

    public static final String SAMPLES_PNG = "samples.png";
    public static final String LOSS_PNG = "loss-curve.png";
    public static final String JSON = "evaluation.json";
    public static final String MARKDOWN = "evaluation.md";
    /** Samples shown in samples.png, {@link #GRID_COLUMNS} to a row. */
    public static final int GRID_SAMPLES = 64;
    public static final int GRID_COLUMNS = 8;

    /** What to evaluate and where to write. */
    public record Settings(Path model, Path lossCsv, Path probe, int samples, int steps, double eta, long seed,
                           int batchSize, Path out) {

        public Settings {
            if (samples < 1) {
                throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch must be at least 1, got " + batchSize);
            }
            if (!(eta >= 0 && eta <= 1)) {
                throw new IllegalArgumentException("--eta must be between 0 and 1, got " + eta);
            }
        }
    }

    private ModelCardRun() {}

    public static ModelCardEvidence run(Settings s, PrintWriter log) {
        long start = System.nanoTime();
        if (!Files.isDirectory(s.model())) {
            throw new IllegalArgumentException("--model " + s.model() + ": no such model folder");
        }
        // Cheap checks first, so a bad loss log or probe fails before minutes of sampling.
        LossCurve curve = LossCurve.read(s.lossCsv());
        FactorProbe probe = ProbeFile.load(s.probe());
        UNet2DLoader.Loaded loaded = UNet2DLoader.load(s.model(), ComputeDevice.cpu());
        long[] shape = loaded.model().sampleShape();
        int size = FactorProbe.INPUT_SIZE;
        if (shape[0] != 3 || shape[1] != size || shape[2] != size) {
            throw new IllegalArgumentException(s.model() + ": the model makes " + shape[0] + "x" + shape[1] + "x"
                    + shape[2] + " samples, the probe reads 3x" + size + "x" + size);
        }
        createFolder(s.out());
        log.printf(Locale.ROOT, "model %s (%s), %d samples, DDIM %d steps, eta %s, seed %d, batches of %d%n",
                s.model(), loaded.fingerprint(), s.samples(), s.steps(), s.eta(), s.seed(), s.batchSize());
        log.flush();

        SampleEvaluation evaluation = new SampleEvaluation(probe);
        int perImage = SampleEvaluation.PER_IMAGE;
        int shown = Math.min(GRID_SAMPLES, s.samples());
        float[] grid = new float[shown * perImage];
        ModelSampler sampler = ModelSampler.ddim(loaded.model(), loaded.scheduler(), s.steps(), s.eta());
        long samplingStart = System.nanoTime();
        long[] batchStart = {samplingStart};
        int batches = (s.samples() + s.batchSize() - 1) / s.batchSize();
        sampler.sample(s.samples(), s.seed(), s.batchSize(), StepListener.NONE, batch -> {
            if (batch.first() < shown) {
                int n = Math.min(batch.count(), shown - batch.first());
                System.arraycopy(batch.pixels(), 0, grid, batch.first() * perImage, n * perImage);
            }
            evaluation.add(batch.pixels());
            long now = System.nanoTime();
            log.printf(Locale.ROOT, "batch %d/%d: samples %d-%d in %.1f s; plausible so far %d/%d (%.3f)%n",
                    batch.first() / s.batchSize() + 1, batches, batch.first() + 1, batch.first() + batch.count(),
                    (now - batchStart[0]) / 1e9, evaluation.plausibleCount(), evaluation.count(),
                    evaluation.plausibleRate());
            log.flush();
            batchStart[0] = now;
        });
        double samplingSeconds = (System.nanoTime() - samplingStart) / 1e9;

        try (PointerScope scope = new PointerScope()) {
            Images.writeGrid(List.of(Tensor.create(grid, shown, 3, size, size)), GRID_COLUMNS, 2,
                    s.out().resolve(SAMPLES_PNG));
        }
        String title = "Training loss: " + s.model().toAbsolutePath().normalize().getFileName() + ", "
                + curve.lastStep() + " steps";
        LossCurveChart.write(curve, title, s.out().resolve(LOSS_PNG));

        log.printf(Locale.ROOT, "reading %d generator faces for the reference column%n", s.samples());
        log.flush();
        SampleEvaluation reference = referenceEvaluation(probe, s.samples());

        ModelCardEvidence evidence = new ModelCardEvidence(s.model().toString(), loaded.fingerprint(),
                s.probe().toString(), s.samples(), s.steps(), s.eta(), s.seed(), s.batchSize(), evaluation.plausibleCount(),
                evaluation.meanScore(), probe.plausibility().threshold(), evaluation.ruleText(), reference.count(),
                reference.plausibleRate(), reference.meanScore(), Seeds.EVALUATION,
                FactorComparison.of(evaluation.frequencies(), reference.frequencies()),
                ModelCardEvidence.LossSummary.of(s.lossCsv().toString(), curve), samplingSeconds,
                (System.nanoTime() - start) / 1e9);
        EvidenceJson.write(evidence, s.out().resolve(JSON));
        EvidenceMarkdown.write(evidence, s.out().resolve(MARKDOWN));
        return evidence;
    }

    /** The generator's own faces (held-out evaluation seeds) read by the probe, {@code count} of them. */
    static SampleEvaluation referenceEvaluation(FactorProbe probe, int count) {
        SampleEvaluation reference = new SampleEvaluation(probe);
        int chunk = 250;
        for (int first = 0; first < count; first += chunk) {
            reference.add(FaceBatch.render(Seeds.EVALUATION + first, Math.min(chunk, count - first)).pixels());
        }
        return reference;
    }

    private static void createFolder(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
    }

}
