package dev.locus.synthfaces.modelcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@link ModelCardEvidence} as a Markdown section with tables, to paste into a model card. */
public final class EvidenceMarkdown {

    private EvidenceMarkdown() {}

    public static void write(ModelCardEvidence e, Path file) {
        try {
            Files.writeString(file, render(e));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    public static String render(ModelCardEvidence e) {
        StringBuilder s = new StringBuilder();
        line(s, "## Evaluation");
        line(s, "");
        line(s, "%d samples drawn from seeded Gaussian noise (seed %d) with %s DDIM, %d steps, eta %s, "
                + "and read by the factor probe (`%s`). Model fingerprint `%s`.", e.samples(), e.seed(),
                e.eta() == 0 ? "deterministic" : "stochastic", e.steps(), e.eta(), e.probe(), e.fingerprint());
        line(s, "");
        line(s, "| measure | model samples | generator faces (reference) |");
        line(s, "| --- | --- | --- |");
        line(s, "| images | %d | %d |", e.samples(), e.referenceCount());
        line(s, "| plausible-face rate | %.4f (%d of %d) | %.4f |", e.plausibleRate(), e.plausibleCount(),
                e.samples(), e.referencePlausibleRate());
        line(s, "| mean plausibility score (noise scores about 0.30) | %.4f | %.4f |", e.meanScore(),
                e.referenceMeanScore());
        line(s, "| mean TV distance from the generator's factor frequencies | %.4f | %.4f |",
                FactorComparison.meanTv(e.factors()), FactorComparison.meanReferenceTv(e.factors()));
        line(s, "");
        line(s, "Plausibility rule: %s. The reference column is the generator's own faces (seeds from %d) read by "
                + "the same probe: it shows the probe's own errors, i.e. what a model that matched the generator "
                + "exactly would score.", e.rule(), e.referenceFirstSeed());
        line(s, "");
        line(s, "### Factor frequencies");
        line(s, "");
        line(s, "Share of images read as each class (continuous factors: %d equal bins of the range, in the "
                + "factor's units). TV model / TV reference = total variation distance of the model's samples / "
                + "of the generator's faces, as the probe reads them, from the generator's frequencies; TV vs "
                + "reference = between the two, where the probe's own bias cancels; sampling noise = the TV expected from %d draws of the generator's distribution itself.",
                dev.locus.synthfaces.probe.FactorFrequencies.CONTINUOUS_BINS, e.samples());
        line(s, "");
        line(s, "| factor | classes | model | generator | probe on generator faces | TV model | TV reference "
                + "| TV vs reference | sampling noise |");
        line(s, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (FactorComparison f : e.factors()) {
            line(s, "| %s | %s | %s | %s | %s | %.4f | %.4f | %.4f | %.4f |", f.factor().id(),
                    String.join(", ", f.classes()), shares(f.model()), shares(f.generator()), shares(f.reference()),
                    f.tv(), f.referenceTv(), f.tvFromReference(), f.samplingNoise());
        }
        line(s, "");
        line(s, "### Training loss and samples");
        line(s, "");
        ModelCardEvidence.LossSummary loss = e.loss();
        line(s, "Trained %d steps; last smoothed loss %s, lowest %s (step %d).", loss.steps(),
                LossCurveChart.format(loss.lastSmoothed()), LossCurveChart.format(loss.lowestSmoothed()),
                loss.lowestAt());
        line(s, "");
        line(s, "![training loss](loss-curve.png)");
        line(s, "");
        line(s, "![the first %d samples](samples.png)", Math.min(e.samples(), ModelCardRun.GRID_SAMPLES));
        line(s, "");
        line(s, "Sampling took %.1f s, the whole evaluation %.1f s (CPU).", e.samplingSeconds(), e.wallSeconds());
        return s.toString();
    }

    private static String shares(double[] p) {
        StringBuilder s = new StringBuilder();
        for (double v : p) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
