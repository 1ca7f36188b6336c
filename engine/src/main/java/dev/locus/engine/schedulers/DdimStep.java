package dev.locus.engine.schedulers;

/**
 * One DDIM move of a sample from noise level abar = {@code alphaFrom} to {@code alphaTo}, with
 * the model evaluated at {@code timestep}. Sampling moves to less noise, inversion to more; the
 * update is the same formula (Song et al. eq. 12) with sigma = 0 for inversion.
 *
 * @param timestep     what the model is told; fractional on the LOCO grid
 * @param fractional   pass the timestep to the model as float rather than int64
 * @param eta          0 for deterministic DDIM, 1 for DDPM-like stochastic steps
 */
public record DdimStep(double timestep, boolean fractional, float alphaFrom, float alphaTo, double eta) {}
