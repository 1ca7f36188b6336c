package dev.locus.engine.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bytedeco.javacpp.Loader;

/**
 * Puts every native library of JavaCPP, OpenBLAS and libtorch into JavaCPP's cache before the first one is loaded.
 *
 * <p>JavaCPP extracts a library just before it loads it, in its own order: on an empty cache it loads
 * {@code libtorch.so} while {@code libtorch_cpu.so}, which it needs, is not extracted yet, so the dynamic linker looks
 * further and takes any other {@code libtorch_cpu.so} on the system's library path (Debian's python3-torch installs
 * one). Two libtorch builds in one process crash in {@code pthread_mutex_lock} under {@code torch.<clinit>}: measured
 * on such a host, every first start on an empty cache died with SIGSEGV, and so did all six of six workers started at
 * once. Extracted in full first, {@code $ORIGIN} finds the right library every time. Extraction holds JavaCPP's cache
 * lock, so processes starting together wait for one another, and a filled cache costs a check per file.
 */
public final class NativeLibraries {

    private static final String[] PACKAGES = {"javacpp", "openblas", "pytorch"};
    private static volatile boolean extracted;

    private NativeLibraries() {}

    /** Call before any class of org.bytedeco.pytorch is used: the entry points do. */
    public static void extract() {
        if (extracted) {
            return;
        }
        synchronized (NativeLibraries.class) {
            if (extracted) {
                return;
            }
            String platform = Loader.getPlatform();
            for (String name : PACKAGES) {
                // the CUDA build (-Pgpu) ships its libraries under the platform's "-gpu" folder
                for (String folder : new String[] {platform, platform + "-gpu"}) {
                    try {
                        Loader.cacheResources("/org/bytedeco/" + name + "/" + folder + "/");
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot extract the " + name + " native libraries into "
                                + "JavaCPP's cache (org.bytedeco.javacpp.cachedir)", e);
                    }
                }
            }
            extracted = true;
        }
    }
}
