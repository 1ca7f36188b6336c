package dev.locus.engine.torch;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Seeded randomness. Noise is always drawn on the CPU from a private generator and then moved,
 * so a seed gives the same images on CPU and CUDA and no global state is shared between jobs.
 */
public final class Randomness {

    private Randomness() {}

    public static Generator generator(long seed) {
        Generator generator = torch.make_generator_cpu();
        generator.set_current_seed(seed);
        return generator;
    }

    /** Standard normal float32 noise of {@code shape}, drawn on the CPU. */
    public static Tensor randn(Generator generator, long... shape) {
        return torch.randn(shape, new GeneratorOptional(generator), new TensorOptions(torch.ScalarType.Float));
    }
}
