package dev.locus.engine.models;

/** A model folder that cannot be loaded: the message names the file, key or tensor at fault. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
