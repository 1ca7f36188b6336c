package dev.locus.synthfaces.modelcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training loss as the trainer logs it in {@code loss.csv}: a header {@code step,loss,smoothed}, then one
 * line per optimiser step. Reading refuses anything else and names the offending line, since a chart drawn
 * from half a file would look plausible and mislead.
 *
 * @param steps    1-based optimiser steps, strictly increasing
 * @param loss     the loss of each step, positive (the chart's y axis is logarithmic)
 * @param smoothed the trainer's debiased EMA of the loss, positive
 */
public record LossCurve(long[] steps, double[] loss, double[] smoothed) {

    public static final String HEADER = "step,loss,smoothed";

    public LossCurve {
        if (steps.length == 0 || steps.length != loss.length || steps.length != smoothed.length) {
            throw new IllegalArgumentException("a loss curve needs the same number (at least one) of steps, losses "
                    + "and smoothed losses, got " + steps.length + ", " + loss.length + ", " + smoothed.length);
        }
    }

    /** The curve in {@code file}; fails naming the file and line for a missing file or a malformed line. */
    public static LossCurve read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such loss file (the train command writes loss.csv "
                    + "in its work folder)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    /** The curve in {@code lines}; {@code name} says where they came from in error messages. */
    public static LossCurve parse(List<String> lines, String name) {
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IllegalArgumentException(name + " line 1: expected the header '" + HEADER + "', got '"
                    + (lines.isEmpty() ? "" : abbreviate(lines.get(0))) + "'");
        }
        int rows = lines.size() - 1;
        while (rows > 0 && lines.get(rows).isBlank()) {
            rows--; // a trailing newline, not a malformed line
        }
        if (rows == 0) {
            throw new IllegalArgumentException(name + ": no steps after the header (has training logged any yet?)");
        }
        long[] steps = new long[rows];
        double[] loss = new double[rows];
        double[] smoothed = new double[rows];
        for (int i = 0; i < rows; i++) {
            int lineNumber = i + 2;
            String line = lines.get(i + 1);
            String[] fields = line.split(",", -1);
            if (fields.length != 3) {
                throw bad(name, lineNumber, line, "expected 3 comma-separated values (" + HEADER + "), got "
                        + fields.length);
            }
            try {
                steps[i] = Long.parseLong(fields[0].strip());
            } catch (NumberFormatException e) {
                throw bad(name, lineNumber, line, "step '" + fields[0] + "' is not a whole number");
            }
            loss[i] = positive(name, lineNumber, line, "loss", fields[1]);
            smoothed[i] = positive(name, lineNumber, line, "smoothed", fields[2]);
            if (i > 0 && steps[i] <= steps[i - 1]) {
                throw bad(name, lineNumber, line, "step " + steps[i] + " does not follow step " + steps[i - 1]);
            }
        }
        return new LossCurve(steps, loss, smoothed);
    }

    public int size() {
        return steps.length;
    }

    public long lastStep() {
        return steps[steps.length - 1];
    }

    public double lastSmoothed() {
        return smoothed[smoothed.length - 1];
    }

    /** The lowest smoothed loss and, at index 1, the step it was reached at. */
    public double[] lowestSmoothed() {
        int best = 0;
        for (int i = 1; i < smoothed.length; i++) {
            if (smoothed[i] < smoothed[best]) {
                best = i;
            }
        }
        return new double[] {smoothed[best], steps[best]};
    }

    private static double positive(String name, int lineNumber, String line, String column, String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw bad(name, lineNumber, line, column + " '" + text + "' is not a number");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(name, lineNumber, line, column + " " + text.strip()
                    + " is not a positive finite number (a diverged run, or not a loss log?)");
        }
        return v;
    }

    private static IllegalArgumentException bad(String name, int lineNumber, String line, String why) {
        return new IllegalArgumentException(name + " line " + lineNumber + ": " + why + " in '" + abbreviate(line) + "'");
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
