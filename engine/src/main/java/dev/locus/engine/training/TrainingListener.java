package dev.locus.engine.training;

import java.nio.file.Path;

/** Hears about a training run: progress every few steps, and each checkpoint once written. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    default void onProgress(TrainingProgress progress) {}

    default void onCheckpoint(long step, Path checkpoint) {}
}
