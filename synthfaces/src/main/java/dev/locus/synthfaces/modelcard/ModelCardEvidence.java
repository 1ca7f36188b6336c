package dev.locus.synthfaces.modelcard;

import java.util.List;

/**
 * Everything a model-card run measured, for {@link EvidenceJson} and {@link EvidenceMarkdown} to write.
 *
 * @param model            the model folder as given
 * @param fingerprint      sha256 over the model's config and weights (the engine's {@code Fingerprint})
 * @param probe            the probe weights file as given
 * @param samples          samples drawn
 * @param steps            DDIM steps
 * @param eta              DDIM stochasticity: 0 deterministic, 1 ancestral
 * @param seed             seed of the generator all samples' noise comes from
 * @param batchSize        samples per batch
 * @param plausibleCount   samples that read as plausible faces
 * @param meanScore        mean plausibility score of the samples
 * @param threshold        the probe's calibrated plausibility threshold
 * @param rule             the plausibility rule in words
 * @param referenceCount   generator faces read for the reference column
 * @param referencePlausibleRate share of those that read as plausible faces
 * @param referenceMeanScore mean plausibility score of those
 * @param referenceFirstSeed generator seed of the first reference face
 * @param factors          per factor frequencies and distances
 * @param loss             the training loss summary
 * @param samplingSeconds  time spent sampling
 * @param wallSeconds      wall time of the whole run up to writing the reports
 */
public record ModelCardEvidence(String model, String fingerprint, String probe, int samples, int steps, double eta,
                                long seed,
                                int batchSize, long plausibleCount, double meanScore, double threshold,
                                String rule, long referenceCount, double referencePlausibleRate, double referenceMeanScore,
                                long referenceFirstSeed, List<FactorComparison> factors, LossSummary loss,
                                double samplingSeconds, double wallSeconds) {

    /** What loss.csv says about the training: steps, the last and the lowest smoothed loss. */
    public record LossSummary(String file, long steps, double lastLoss, double lastSmoothed, double lowestSmoothed,
                              long lowestAt) {

        public static LossSummary of(String file, LossCurve curve) {
            double[] lowest = curve.lowestSmoothed();
            return new LossSummary(file, curve.lastStep(), curve.loss()[curve.size() - 1], curve.lastSmoothed(),
                    lowest[0], (long) lowest[1]);
        }
    }

    public ModelCardEvidence {
        factors = List.copyOf(factors);
    }

    public double plausibleRate() {
        return samples == 0 ? 0 : plausibleCount / (double) samples;
    }
}
