package dev.locus.common.storage;

/** Object storage could not be reached or answered with a server error: worth retrying. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
