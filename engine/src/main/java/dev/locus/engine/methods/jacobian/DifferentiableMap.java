package dev.locus.engine.methods.jacobian;

import org.bytedeco.pytorch.Tensor;

/**
 * A batched map built from differentiable torch ops: input [k, ...] to output [k, ...], each
 * batch element independent of the others. The masked posterior mean (LOCO) and the masked UNet
 * output as a function of h (JIVE) are such maps.
 */
@FunctionalInterface
public interface DifferentiableMap {

    Tensor apply(Tensor batch);
}
