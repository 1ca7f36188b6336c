package dev.locus.engine.api;

/**
 * LOCO's settings as its paper and reference code run it: the one place their values are written. The gateway's
 * request defaults, the direction worker and the command-line tools read them from here.
 *
 * @param tEdit         the edit timestep as a fraction of the training timesteps (the paper's 0.6T)
 * @param rank          k, the directions found in the region of interest
 * @param nullRank      r', the complement's subspace projected out (the reference uses 5 to 10)
 * @param minIterations power iterations at least, before the subspace may count as converged
 * @param maxIterations power iterations at most
 * @param tolerance     converged once the subspace moves less than this between iterations
 */
public record LocoPreset(double tEdit, int rank, int nullRank, int minIterations, int maxIterations, double tolerance) {

    /** The LOCO reference code's settings (Algorithm 1: 10 to 50 power iterations to a change below 1e-4). */
    public static final LocoPreset REFERENCE = new LocoPreset(0.6, 3, 5, 10, 50, 1e-4);
}
