package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.FaceFactors;
import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorCodec;
import java.util.List;

/**
 * Everything the probe read from one image: a reading per factor (in {@link Factor} order), the
 * plausibility score and whether it passes the probe's threshold (see {@link Plausibility}).
 */
public record FaceReading(List<FactorReading> factors, double plausibility, boolean plausible) {

    public FaceReading {
        factors = List.copyOf(factors);
        if (factors.size() != Factor.values().length) {
            throw new IllegalArgumentException("expected a reading for each of " + Factor.values().length
                    + " factors, got " + factors.size());
        }
    }

    public FactorReading get(Factor factor) {
        return factors.get(factor.ordinal());
    }

    /** The probe's best guess of the factors that made this image. */
    public FaceFactors toFactors() {
        double[] raw = new double[factors.size()];
        for (FactorReading r : factors) {
            raw[r.factor().ordinal()] = r.raw();
        }
        return FactorCodec.fromRaw(raw);
    }
}
