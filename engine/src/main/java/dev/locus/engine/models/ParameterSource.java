package dev.locus.engine.models;

import org.bytedeco.pytorch.Tensor;

/**
 * Where a model's layers get their parameters by state-dict name: a loaded checkpoint, or a
 * seeded initialiser for training and benchmarks. Layers ask by name and expected shape, so a
 * missing or mis-shaped tensor fails at construction with its name.
 */
public interface ParameterSource {

    /** The parameter called {@code name}; must have exactly {@code shape}. */
    Tensor parameter(String name, long... shape);

    /** Kind of parameter, so initialisers can treat norms and biases differently. */
    enum Role { WEIGHT, BIAS, NORM_WEIGHT, NORM_BIAS }

    /** Like {@link #parameter(String, long...)}, with the role for initialisers. */
    default Tensor parameter(String name, Role role, long... shape) {
        return parameter(name, shape);
    }
}
