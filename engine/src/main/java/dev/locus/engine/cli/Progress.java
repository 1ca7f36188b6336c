package dev.locus.engine.cli;

import dev.locus.engine.pipelines.StepListener;

/** Step progress on one stderr line, so stdout stays for results. */
final class Progress {

    private Progress() {}

    /** A short list of the first values of a 1-D tensor, for summaries. */
    static String values(org.bytedeco.pytorch.Tensor tensor) {
        StringBuilder out = new StringBuilder("[");
        long n = Math.min(tensor.numel(), 5);
        for (int i = 0; i < n; i++) {
            out.append(i > 0 ? ", " : "").append(String.format("%.3g", tensor.get(i).item_double()));
        }
        return out.append(tensor.numel() > n ? ", ...]" : "]").toString();
    }

    static StepListener toStderr() {
        String[] last = {null};
        return (phase, step, total) -> {
            if (last[0] != null && !last[0].equals(phase) && step == 1) {
                System.err.println();
            }
            last[0] = phase;
            System.err.printf("\r%s %d/%d", phase, step, total);
            if (step == total) {
                System.err.println();
                last[0] = null;
            }
        };
    }
}
