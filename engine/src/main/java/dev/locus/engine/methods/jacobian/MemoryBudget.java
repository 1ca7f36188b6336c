package dev.locus.engine.methods.jacobian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much memory the Jacobian products at one point may use. The k vectors of a product ride in the batch
 * dimension of a kept graph, and each row adds a copy of the network's saved activations (two, for the double
 * backward of J v): on a 256x256 UNet that is gigabytes per vector, so all k at once can exceed the machine where
 * the reference code ran out of memory. {@link JacobianProducts} measures one vector's graph and product on its
 * first product and builds the graph with as many rows as fit.
 *
 * @param bytes the most the kept graph and a product may add to the process's memory; {@link Long#MAX_VALUE} for
 *              no limit
 */
public record MemoryBudget(long bytes) {

    /** The share of the memory available at first use that the process default takes. */
    static final double DEFAULT_SHARE = 0.5;

    private static volatile MemoryBudget processDefault;

    public MemoryBudget {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive, got " + bytes + " bytes");
        }
    }

    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    public boolean isLimited() {
        return bytes != Long.MAX_VALUE;
    }

    /**
     * "8g", "512m", "1.5G" or a plain number of bytes.
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static MemoryBudget parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("g") || t.endsWith("m") || t.endsWith("k")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'g' -> 1L << 30;
                case 'm' -> 1L << 20;
                default -> 1L << 10;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            double value = Double.parseDouble(t);
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return new MemoryBudget((long) Math.min(Long.MAX_VALUE, value * unit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memory budget '" + text + "' is not a size such as 8g, 512m or 1048576");
        }
    }

    /** Vectors per chunk when one costs {@code bytesPerVector}: at least 1, at most {@code max}. */
    public int vectorsPerChunk(long bytesPerVector, int max) {
        if (!isLimited() || bytesPerVector <= 0) {
            return max;
        }
        return (int) Math.max(1, Math.min(max, bytes / bytesPerVector));
    }

    /**
     * The budget of products that are not given one: set by {@link #setProcessDefault} (the CLI's
     * {@code --memory-budget}), else half the memory available when first asked (Linux MemAvailable), else none.
     */
    public static MemoryBudget processDefault() {
        MemoryBudget budget = processDefault;
        if (budget == null) {
            long available = availableBytes();
            budget = available > 0 ? new MemoryBudget((long) (available * DEFAULT_SHARE)) : unlimited();
            processDefault = budget;
        }
        return budget;
    }

    public static void setProcessDefault(MemoryBudget budget) {
        processDefault = budget;
    }

    private static long availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public String toString() {
        return isLimited() ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30)) : "unlimited";
    }
}
