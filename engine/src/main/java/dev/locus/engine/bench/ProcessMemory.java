package dev.locus.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process, which counts libtorch's native allocations too. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** RSS in bytes, or -1 where /proc is not available. */
    public static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    /** Peak RSS of the process so far (the high-water mark), or -1. */
    public static long peakResidentBytes() {
        return statusBytes("VmHWM:");
    }

    private static long statusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
