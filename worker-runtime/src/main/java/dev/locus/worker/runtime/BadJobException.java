package dev.locus.worker.runtime;

/**
 * The job cannot succeed however often it is retried (a missing image, a mask of the wrong size,
 * a message that is not a job): it fails at once and its message goes to the dead-letter topic.
 */
public class BadJobException extends RuntimeException {

    private final String code;

    public BadJobException(String code, String message) {
        super(message);
        this.code = code;
    }

    public BadJobException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
