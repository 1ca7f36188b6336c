package dev.locus.engine.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident set size of this process, which counts libtorch's native CPU allocations too (not GPU memory).
 * Linux only; elsewhere every figure is -1.
 */
public final class ProcessMemory {

    /** The highest peak seen before the kernel's high-water mark was last reset. */
    private static long peakBeforeReset = -1;

    private ProcessMemory() {}

    /** RSS in bytes, or -1 where /proc is not available. */
    public static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    /** Peak RSS of the process so far, across {@link #peakSince} windows, or -1. */
    public static synchronized long peakResidentBytes() {
        return Math.max(peakBeforeReset, statusBytes("VmHWM:"));
    }

    /**
     * Runs {@code work} and returns how far the RSS rose above its level at the start, at its highest: the memory
     * {@code work} needed. Resets the kernel's high-water mark (Linux 4.0+, {@code /proc/self/clear_refs} 5);
     * {@link #peakResidentBytes} still reports the whole run's peak. Other threads' allocations count too.
     *
     * @return the rise in bytes, or -1 where the high-water mark cannot be reset
     */
    public static synchronized long peakSince(Runnable work) {
        long start = residentBytes();
        long peak = statusBytes("VmHWM:");
        if (start < 0 || peak < 0 || !resetPeak()) {
            work.run();
            return -1;
        }
        peakBeforeReset = Math.max(peakBeforeReset, peak);
        work.run();
        return Math.max(0, statusBytes("VmHWM:") - start);
    }

    private static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
