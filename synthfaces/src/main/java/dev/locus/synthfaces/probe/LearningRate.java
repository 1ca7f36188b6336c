package dev.locus.synthfaces.probe;

/**
 * Linear warm-up, then cosine decay to {@link #FLOOR} of the peak at the last step. Warm-up keeps the
 * first AdamW steps, whose second-moment estimates are still poor, from throwing the weights about.
 */
record LearningRate(double peak, long warmupSteps, long totalSteps) {

    static final double FLOOR = 0.02;

    double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1, (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
        return peak * (FLOOR + (1 - FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
