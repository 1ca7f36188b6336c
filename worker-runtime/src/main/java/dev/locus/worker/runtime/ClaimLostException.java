package dev.locus.worker.runtime;

import java.util.UUID;

/** The job this worker runs was claimed by another worker (or ended) meanwhile: stop without touching it. */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(UUID jobId) {
        super("job " + jobId + " is no longer this worker's: another claim runs it, or it ended");
    }
}
