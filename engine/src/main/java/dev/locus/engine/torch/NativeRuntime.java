package dev.locus.engine.torch;

import org.bytedeco.openblas.global.openblas_full;
import org.bytedeco.pytorch.global.torch;

/**
 * Process-wide settings of the native libraries, applied once before the first model runs.
 *
 * <p>libtorch parallelises each op over its own OpenMP threads; OpenBLAS, which libtorch calls
 * for matrix products, would start as many threads again inside each of them. On a small
 * machine the two pools oversubscribe the cores and spin against each other: measured on
 * 2 cores, the conformance UNet ran 7x slower (a 15 ms forward pass took 220 ms). PyTorch keeps
 * BLAS single-threaded inside its parallel regions for the same reason. An explicit
 * OPENBLAS_NUM_THREADS in the environment still wins.
 *
 * <p>NNPACK is switched off: libtorch would only pick it for forward convolutions of 16 or more images that
 * oneDNN does not take, and on processors its cpuinfo does not recognise every attempt to initialise it prints
 * "Could not initialize NNPACK! Reason: Unsupported hardware" (7,500 lines for six walkthrough jobs on one host).
 */
public final class NativeRuntime {

    private static volatile boolean configured;

    private NativeRuntime() {}

    public static void configure() {
        if (configured) {
            return;
        }
        synchronized (NativeRuntime.class) {
            if (!configured) {
                NativeLibraries.extract();
                torch.globalContext().setUserEnabledNNPACK(false);
                if (System.getenv("OPENBLAS_NUM_THREADS") == null) {
                    openblas_full.openblas_set_num_threads(1);
                }
                configured = true;
            }
        }
    }
}
