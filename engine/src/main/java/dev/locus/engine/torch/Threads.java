package dev.locus.engine.torch;

import org.bytedeco.pytorch.global.torch;

/**
 * How many CPU threads libtorch computes with.
 *
 * <p>Only libtorch's intra-op pool grows with {@code threads}; the OpenBLAS behind its matrix
 * products stays single-threaded inside those ops ({@link NativeRuntime}), as in PyTorch. An
 * earlier version set OpenBLAS to {@code threads} too, but the first model built afterwards reset
 * it to 1, so every figure measured with it ran with one BLAS thread anyway.
 */
public final class Threads {

    private Threads() {}

    /** Sets libtorch's intra-op threads to {@code threads} and applies the native runtime's settings. */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        torch.set_num_threads(threads);
        NativeRuntime.configure();
    }
}
