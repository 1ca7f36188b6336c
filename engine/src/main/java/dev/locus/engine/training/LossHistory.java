package dev.locus.engine.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;

/**
 * The loss of every step, for the loss curve. It is saved in checkpoints, so a resumed run's curve
 * and smoothed loss continue as if never interrupted.
 */
public final class LossHistory {

    /** Smoothing of the displayed loss: an EMA over about the last 1 / (1 - 0.98) = 50 steps. */
    static final double SMOOTHING = 0.98;

    private float[] losses;
    private int size;

    public LossHistory() {
        this(new float[0]);
    }

    private LossHistory(float[] losses) {
        this.losses = losses.length == 0 ? new float[1024] : losses;
        this.size = losses.length;
    }

    /** A history saved as float32 [steps]. */
    public static LossHistory fromTensor(Tensor saved) {
        float[] values = new float[Math.toIntExact(saved.numel())];
        if (values.length > 0) {
            saved.contiguous().data_ptr_float().get(values);
        }
        return new LossHistory(values);
    }

    public Tensor toTensor() {
        return Tensor.create(Arrays.copyOf(losses, size), size);
    }

    public void add(double loss) {
        if (size == losses.length) {
            losses = Arrays.copyOf(losses, losses.length * 2);
        }
        losses[size++] = (float) loss;
    }

    public int size() {
        return size;
    }

    public double get(int step) {
        return losses[step];
    }

    /** Debiased EMA of the losses up to and including {@code step}, like TensorBoard's smoothing. */
    public double smoothedAt(int step) {
        return smoothed(step + 1)[step];
    }

    /** The smoothed loss after the last step; NaN before any. */
    public double smoothed() {
        return size == 0 ? Double.NaN : smoothedAt(size - 1);
    }

    /** Mean of the losses of steps [from, to). */
    public double mean(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += losses[i];
        }
        return sum / (to - from);
    }

    /** Writes {@code step,loss,smoothed} lines (1-based steps, as logged) and moves the file into place. */
    public void writeCsv(Path file) {
        double[] smoothed = smoothed(size);
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write("step,loss,smoothed\n");
            for (int i = 0; i < size; i++) {
                out.write(String.format(Locale.ROOT, "%d,%.6g,%.6g%n", i + 1, losses[i], smoothed[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private double[] smoothed(int count) {
        double[] out = new double[count];
        double ema = 0;
        double weight = 0;
        for (int i = 0; i < count; i++) {
            ema = SMOOTHING * ema + (1 - SMOOTHING) * losses[i];
            weight = SMOOTHING * weight + (1 - SMOOTHING);
            out[i] = ema / weight;
        }
        return out;
    }
}
