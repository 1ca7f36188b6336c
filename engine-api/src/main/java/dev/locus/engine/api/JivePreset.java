package dev.locus.engine.api;

/**
 * JIVE's settings as its paper runs them: the one place their values are written (gateway defaults, direction
 * worker, command-line tools).
 *
 * @param tEdit          the timestep from which h-space directions are found and applied, as a fraction of T
 * @param jacobianRank   r, right singular vectors of each region's h-space Jacobian
 * @param jointRank      r_C, the joint (global) directions shared by the regions
 * @param individualRank r_A, the individual (local) directions of each region
 * @param minIterations  power iterations at least
 * @param maxIterations  power iterations at most
 * @param tolerance      converged once the subspace moves less than this between iterations
 * @param jiveIterations iterations of JIVE's alternating joint/individual estimation
 */
public record JivePreset(double tEdit, int jacobianRank, int jointRank, int individualRank, int minIterations,
                         int maxIterations, double tolerance, int jiveIterations) {

    /** The JIVE paper's settings: r 50, r_C 30, r_A 5, at least 5 power iterations. */
    public static final JivePreset PAPER = new JivePreset(0.6, 50, 30, 5, 5, 50, 1e-3, 100);
}
