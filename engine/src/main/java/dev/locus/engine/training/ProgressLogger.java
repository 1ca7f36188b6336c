package dev.locus.engine.training;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints one line per report, and one per checkpoint. */
public final class ProgressLogger implements TrainingListener {

    private final PrintWriter out;

    public ProgressLogger(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onProgress(TrainingProgress progress) {
        out.println(progress.line());
        out.flush();
    }

    @Override
    public void onCheckpoint(long step, Path checkpoint) {
        out.println("checkpoint " + checkpoint + " (step " + step + ")");
        out.flush();
    }
}
