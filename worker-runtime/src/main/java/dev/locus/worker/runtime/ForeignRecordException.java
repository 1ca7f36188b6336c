package dev.locus.worker.runtime;

/**
 * A job record that is not the job it names: no such job, another job type than its topic carries, or a request
 * other than the one the job was accepted with (a forged, misrouted or stale record). It is dead-lettered and the
 * job, if any, is left as it was: the job row, not the record, is the source of truth.
 */
public class ForeignRecordException extends RuntimeException {

    public ForeignRecordException(String message) {
        super(message);
    }
}
