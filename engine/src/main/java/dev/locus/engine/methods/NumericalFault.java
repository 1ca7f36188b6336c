package dev.locus.engine.methods;

/**
 * A computation that produced numbers which cannot be right: a non-finite value, or Jacobian products that
 * contradict each other. It names where (phase, iteration, which product); retrying the same input gives the
 * same fault, so it is not a transient error, and it is not the caller's bad input either.
 */
public class NumericalFault extends RuntimeException {

    public NumericalFault(String message) {
        super(message);
    }
}
