package dev.locus.engine.training;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;

/**
 * Where a run leaves its results: checkpoints and {@code loss.csv} in the work folder, and the
 * EMA model as a diffusers folder, refreshed at every checkpoint so it is usable mid-run.
 */
public record TrainingOutputs(Path export, CheckpointDirectory checkpoints) {

    public static final String LOSS_CSV = "loss.csv";

    /** Checkpoint, loss curve, then export; returns the checkpoint's path. */
    public Path save(DdpmTrainer trainer) {
        // the checkpoint copies every weight, EMA weight and the optimiser state: free them once written
        try (PointerScope scope = new PointerScope()) {
            Path checkpoint = checkpoints.save(trainer.checkpoint());
            trainer.losses().writeCsv(checkpoints.dir().resolve(LOSS_CSV));
            trainer.exportDiffusers(export);
            return checkpoint;
        }
    }
}
