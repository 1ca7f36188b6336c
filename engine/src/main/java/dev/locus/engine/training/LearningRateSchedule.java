package dev.locus.engine.training;

/**
 * Linear warm-up from near zero to the base rate, then constant or a cosine decay to zero at the
 * last step. Warm-up matters for Adam: its second-moment estimate is poor over the first few
 * hundred steps, and full-size updates then can throw a freshly initialised UNet off course.
 */
public record LearningRateSchedule(double baseRate, long warmupSteps, long totalSteps, Shape shape) {

    public enum Shape { CONSTANT, COSINE }

    public LearningRateSchedule {
        if (baseRate <= 0 || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("learning rate must be positive, warm-up at least 0 and steps at least 1");
        }
    }

    /** The rate for optimiser step {@code step} (0-based): the first step already moves. */
    public double at(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        if (shape == Shape.CONSTANT || totalSteps <= warmupSteps) {
            return baseRate;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return baseRate * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
