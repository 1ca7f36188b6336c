package dev.locus.engine;

/**
 * The caller's input cannot be computed on: an image or mask of the wrong shape, a rank the region cannot
 * hold, a direction from another model. Thrown at the engine's boundary for what a user chose, so that a
 * service can tell it apart from a bug: retrying it gives the same answer, and its message is written for
 * the person who sent the input. Any other {@link IllegalArgumentException} from the engine is a defect.
 */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
