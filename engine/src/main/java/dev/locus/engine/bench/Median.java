package dev.locus.engine.bench;

import java.util.Arrays;

/** The median of timings: robust to the one disturbed pass that a mean would carry along. */
public final class Median {

    private Median() {}

    /** The middle value, or the mean of the two middle values of an even count; the input is left as it is. */
    public static double of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
