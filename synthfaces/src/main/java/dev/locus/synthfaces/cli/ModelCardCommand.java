package dev.locus.synthfaces.cli;

import dev.locus.engine.torch.Threads;
import dev.locus.synthfaces.modelcard.FactorComparison;
import dev.locus.synthfaces.modelcard.ModelCardEvidence;
import dev.locus.synthfaces.modelcard.ModelCardRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "model-card", mixinStandardHelpOptions = true,
        description = {"Measure a trained synthfaces diffusion model and write the evidence for its model card.",
                "Samples faces from seeded noise with DDIM on the CPU (deterministic unless --eta), reads every sample with "
                        + "the factor probe (plausible-face rate by the probe's calibrated rule; per-factor class "
                        + "frequencies against the generator's, with the total variation distance), and writes into "
                        + "--out: samples.png (the first 64 samples, 8 a row), loss-curve.png (from loss.csv), "
                        + "evaluation.json and evaluation.md."})
final class ModelCardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "diffusers model folder (as train writes it).")
    Path model;

    @Option(names = "--loss-csv", required = true, paramLabel = "FILE",
            description = "loss.csv from the train command's work folder (step,loss,smoothed).")
    Path lossCsv;

    @Option(names = "--samples", defaultValue = "1000", paramLabel = "N", description = "Samples to draw (${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--steps", defaultValue = "50", paramLabel = "N", description = "DDIM steps (${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--eta", defaultValue = "0", paramLabel = "E",
            description = "DDIM stochasticity, 0 (deterministic) to 1 (ancestral, DDPM-like) (${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the noise (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "100", paramLabel = "B", description = "Samples per batch (${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the four files (created).")
    Path out;

    @Option(names = "--probe", defaultValue = ProbeCommand.DEFAULT_WEIGHTS, paramLabel = "FILE",
            description = "Probe weights (${DEFAULT-VALUE}).")
    Path probe;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "libtorch and OpenBLAS threads (${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new ParameterException(spec.commandLine(), "--samples must be at least 1, got " + samples);
        }
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + steps);
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new ParameterException(spec.commandLine(), "--eta must be between 0 and 1, got " + eta);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        Threads.use(threads);
        PrintWriter log = spec.commandLine().getOut();
        ModelCardEvidence e = ModelCardRun.run(
                new ModelCardRun.Settings(model, lossCsv, probe, samples, steps, eta, seed, batch, out), log);
        log.printf(Locale.ROOT, "plausible-face rate %.4f (%d/%d; generator faces %.4f), mean TV distance %.4f "
                        + "(generator faces %.4f)%nwrote %s, %s, %s, %s in %s (%.1f s)%n", e.plausibleRate(),
                e.plausibleCount(), e.samples(), e.referencePlausibleRate(),
                FactorComparison.meanTv(e.factors()),
                FactorComparison.meanReferenceTv(e.factors()), ModelCardRun.SAMPLES_PNG,
                ModelCardRun.LOSS_PNG, ModelCardRun.JSON, ModelCardRun.MARKDOWN, out, e.wallSeconds());
        log.flush();
        return 0;
    }
}
