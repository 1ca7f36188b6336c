package dev.locus.engine.torch;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * How many CPU threads libtorch computes with, including the OpenBLAS behind its matrix products.
 *
 * <p>libtorch's {@code set_num_threads} does not reach OpenBLAS, whose own thread pool otherwise
 * keeps its default size and spins between calls. Measured on a busy 2-core machine, the
 * attention projections (a [2048, 64] x [64, 64] linear, forward and backward) took 59 ms with
 * OpenBLAS left alone and 2 ms with its threads set here; convolutions (oneDNN) were unaffected.
 */
public final class Threads {

    private Threads() {}

    /** Sets libtorch's intra-op threads and OpenBLAS's threads to {@code threads}. */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        torch.set_num_threads(threads);
        Loader.load(openblas_nolapack.class);
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(threads);
    }
}
