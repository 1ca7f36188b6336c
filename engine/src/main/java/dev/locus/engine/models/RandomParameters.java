package dev.locus.engine.models;

import dev.locus.engine.torch.Randomness;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Seeded random parameters for training from scratch and for benchmarks on large configs.
 * The recipe is the one the conformance fixtures use, so that no layer is zero and every path
 * carries signal: weights randn / sqrt(fan_in), biases 0.05 randn, norm weights 1 + 0.1 randn,
 * norm biases 0.1 randn.
 */
public final class RandomParameters implements ParameterSource {

    private final Generator generator;

    public RandomParameters(long seed) {
        this.generator = Randomness.generator(seed);
    }

    @Override
    public Tensor parameter(String name, long... shape) {
        return parameter(name, Role.WEIGHT, shape);
    }

    @Override
    public Tensor parameter(String name, Role role, long... shape) {
        Tensor noise = Randomness.randn(generator, shape);
        return switch (role) {
            case WEIGHT -> noise.div(new Scalar(Math.sqrt(fanIn(shape))));
            case BIAS -> noise.mul(new Scalar(0.05));
            case NORM_WEIGHT -> noise.mul(new Scalar(0.1)).add(new Scalar(1.0));
            case NORM_BIAS -> noise.mul(new Scalar(0.1));
        };
    }

    private static long fanIn(long[] shape) {
        long fan = 1;
        for (int i = 1; i < shape.length; i++) {
            fan *= shape[i];
        }
        return fan;
    }
}
