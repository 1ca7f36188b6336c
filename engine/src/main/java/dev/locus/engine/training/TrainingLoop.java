package dev.locus.engine.training;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs a trainer to its last step, reporting progress every {@code logEvery} steps and saving
 * every {@code checkpointEvery} steps, at the start of a cool-down and at the end.
 *
 * @param checkpointer saves the trainer's state and says where; {@link TrainingOutputs#save} in
 *                     practice
 */
public record TrainingLoop(long logEvery, long checkpointEvery, Function<DdpmTrainer, Path> checkpointer,
                           TrainingListener listener) {

    public TrainingLoop {
        if (logEvery < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("log and checkpoint intervals must be at least 1 step");
        }
    }

    /** Trains until {@code trainer.config().totalSteps()}; a run already there only saves. */
    public void run(DdpmTrainer trainer) {
        run(trainer, () -> false);
    }

    /**
     * Trains until the last step or until {@code stopRequested} says so between two steps; either way the
     * state is saved last, so a stopped run resumes exactly where it stopped.
     */
    public void run(DdpmTrainer trainer, BooleanSupplier stopRequested) {
        long total = trainer.config().totalSteps();
        long reportedStep = trainer.step();
        long reportedAt = System.nanoTime();
        boolean savedLast = false;
        while (trainer.step() < total && !stopRequested.getAsBoolean()) {
            double loss = trainer.trainStep();
            long done = trainer.step();
            if (done % logEvery == 0 || done == total) {
                long now = System.nanoTime();
                double stepsPerSecond = (done - reportedStep) / ((now - reportedAt) / 1e9);
                listener.onProgress(new TrainingProgress(done, total, loss, trainer.losses().smoothed(),
                        stepsPerSecond, trainer.learningRate(), trainer.gradNorm()));
                reportedStep = done;
                reportedAt = now;
            }
            savedLast = done % checkpointEvery == 0 || done == total || done == trainer.config().cooldownStart();
            if (savedLast) {
                long before = System.nanoTime();
                listener.onCheckpoint(done, checkpointer.apply(trainer));
                reportedAt += System.nanoTime() - before; // saving is not training: keep it out of steps/s
            }
        }
        if (!savedLast) {
            listener.onCheckpoint(trainer.step(), checkpointer.apply(trainer));
        }
    }
}
