package dev.locus.engine.cli;

import dev.locus.engine.pipelines.StepListener;

/** Step progress on one stderr line, so stdout stays for results. */
final class Progress {

    private Progress() {}

    static StepListener toStderr() {
        return (phase, step, total) -> {
            System.err.printf("\r%s %d/%d", phase, step, total);
            if (step == total) {
                System.err.println();
            }
        };
    }
}
