package dev.locus.engine.training;

import java.util.Locale;

/**
 * Where a run stands after a step.
 *
 * @param step           optimiser steps done (1-based: the step just finished)
 * @param loss           that step's loss
 * @param smoothedLoss   the loss EMA (see {@link LossHistory})
 * @param stepsPerSecond over the steps since the previous report
 * @param learningRate   the rate that step used
 * @param gradNorm       the global gradient norm before clipping
 */
public record TrainingProgress(long step, long totalSteps, double loss, double smoothedLoss,
                               double stepsPerSecond, double learningRate, double gradNorm) {

    /** {@code step 1200/20000 loss 0.0412 (avg 0.0437) 3.1 steps/s lr 2.0e-4}. */
    public String line() {
        return String.format(Locale.ROOT, "step %d/%d loss %.4f (avg %.4f) %.1f steps/s lr %s",
                step, totalSteps, loss, smoothedLoss, stepsPerSecond, shortExponent(learningRate));
    }

    /** 2.0e-4 rather than Java's 2.0e-04. */
    private static String shortExponent(double value) {
        return String.format(Locale.ROOT, "%.1e", value).replaceFirst("e([+-])0(\\d)", "e$1$2");
    }
}
