package dev.locus.engine.training;

/**
 * Linear warm-up from near zero to the base rate, then constant or a cosine decay to zero at the
 * last step; a constant rate may end in a linear cool-down to zero over its last
 * {@code cooldownSteps} ("warm-up, stable, decay"). Warm-up matters for Adam: its second-moment
 * estimate is poor over the first few hundred steps, and full-size updates then can throw a
 * freshly initialised UNet off course. The cool-down is what lets a run trained at a constant rate
 * be finished later: the loss drops during the decay, and until it starts the run can be extended.
 */
public record LearningRateSchedule(double baseRate, long warmupSteps, long totalSteps, Shape shape, long cooldownSteps) {

    public enum Shape { CONSTANT, COSINE }

    public LearningRateSchedule {
        if (baseRate <= 0 || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("learning rate must be positive, warm-up at least 0 and steps at least 1");
        }
        if (cooldownSteps < 0 || cooldownSteps > Math.max(0, totalSteps - warmupSteps)) {
            throw new IllegalArgumentException("cool-down must be between 0 and the steps after warm-up ("
                    + (totalSteps - warmupSteps) + "), got " + cooldownSteps);
        }
        if (cooldownSteps > 0 && shape != Shape.CONSTANT) {
            throw new IllegalArgumentException("a cool-down follows a constant rate, not a " + shape.name().toLowerCase()
                    + " one");
        }
    }

    public LearningRateSchedule(double baseRate, long warmupSteps, long totalSteps, Shape shape) {
        this(baseRate, warmupSteps, totalSteps, shape, 0);
    }

    /** The rate for optimiser step {@code step} (0-based): the first step already moves. */
    public double at(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        if (shape == Shape.CONSTANT || totalSteps <= warmupSteps) {
            long cooldownStart = totalSteps - cooldownSteps;
            if (cooldownSteps == 0 || step < cooldownStart) {
                return baseRate;
            }
            return baseRate * Math.max(0.0, (double) (totalSteps - step) / cooldownSteps);
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return baseRate * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** The first of {@code steps} optimiser steps where this schedule's rate differs from {@code other}'s, or -1. */
    public long firstDifferenceFrom(LearningRateSchedule other, long steps) {
        for (long step = 0; step < steps; step++) {
            if (Double.compare(at(step), other.at(step)) != 0) {
                return step;
            }
        }
        return -1;
    }
}
