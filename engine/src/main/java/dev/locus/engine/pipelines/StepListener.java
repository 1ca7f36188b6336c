package dev.locus.engine.pipelines;

/**
 * Progress of a long computation, called between steps. Workers forward it to users and cancel
 * a job by throwing {@link java.util.concurrent.CancellationException} from it.
 */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = (phase, step, total) -> {};

    /** @param step 1-based index of the step just finished, out of {@code total} */
    void onStep(String phase, int step, int total);
}
