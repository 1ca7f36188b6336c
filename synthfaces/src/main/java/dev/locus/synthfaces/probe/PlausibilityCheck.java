package dev.locus.synthfaces.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Calibrates the plausibility threshold on generated faces and measures how the rule treats images that
 * are not faces: it should pass nearly all generated faces and fail noise and destroyed faces.
 */
public final class PlausibilityCheck {

    /** Share of calibration faces that must pass; leaves room for the 99% promised on other faces. */
    public static final double CALIBRATION_PASS_RATE = 0.995;

    /** One kind of image: how many were tried, the share passing, and their median score. */
    public record Row(String images, int count, double passRate, double medianScore) {}

    private static final int CHUNK = 250;
    private static final int S = FactorProbe.INPUT_SIZE;

    private PlausibilityCheck() {}

    /** The threshold that {@link #CALIBRATION_PASS_RATE} of {@code count} calibration faces reach. */
    public static Plausibility calibrate(FactorProbe probe, int count) {
        double[] scores = scores(probe, FaceBatch.render(Seeds.CALIBRATION, count).pixels());
        return Plausibility.calibrate(scores, CALIBRATION_PASS_RATE);
    }

    /** Pass rates on generated faces (held out) and on {@code count} images of each corrupted kind. */
    public static List<Row> run(FactorProbe probe, int count) {
        float[] faces = FaceBatch.render(Seeds.EVALUATION, count).pixels();
        float[] others = FaceBatch.render(Seeds.CORRUPTION, count).pixels();
        List<Row> rows = new ArrayList<>();
        rows.add(row(probe, "generated faces", faces));
        rows.add(row(probe, "uniform noise", ImageCorruptions.uniformNoise(count, 1)));
        rows.add(row(probe, "gaussian noise (clamped)", ImageCorruptions.gaussianNoise(count, 2)));
        // Mild damage first: how forgiving the rule is towards a sampler's slightly soft or noisy faces.
        rows.add(row(probe, "faces blurred, sigma 0.5 px", ImageCorruptions.blur(others, 0.5)));
        rows.add(row(probe, "faces + noise, std 0.05", ImageCorruptions.addNoise(others, 0.05, 5)));
        rows.add(row(probe, "faces + noise, std 0.1", ImageCorruptions.addNoise(others, 0.1, 6)));
        rows.add(row(probe, "faces blurred, sigma 1 px", ImageCorruptions.blur(others, 1.0)));
        rows.add(row(probe, "faces blurred, sigma 2 px", ImageCorruptions.blur(others, 2.0)));
        rows.add(row(probe, "faces, pixels shuffled", ImageCorruptions.shufflePixels(others, 3)));
        rows.add(row(probe, "faces, 8x8 patches shuffled", ImageCorruptions.shufflePatches(others, 8, 4)));
        rows.add(row(probe, "two faces averaged", ImageCorruptions.average(faces, others)));
        return rows;
    }

    /** The rows as a Markdown table. */
    public static String table(List<Row> rows, Plausibility rule) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "plausibility threshold %.4f (%s)%n%n| images | count | pass rate | median score |%n"
                        + "| --- | --- | --- | --- |%n", rule.threshold(), Plausibility.RULE));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", r.images(), r.count(), r.passRate(),
                    r.medianScore()));
        }
        return s.toString();
    }

    static Row row(FactorProbe probe, String name, float[] pixels) {
        double[] scores = scores(probe, pixels);
        long passed = Arrays.stream(scores).filter(probe.plausibility()::accepts).count();
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        return new Row(name, scores.length, passed / (double) scores.length, sorted[sorted.length / 2]);
    }

    /** The plausibility score of each image in planar [B, 3, 32, 32] floats. */
    static double[] scores(FactorProbe probe, float[] pixels) {
        int per = 3 * S * S;
        int count = pixels.length / per;
        double[] scores = new double[count];
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            float[] part = Arrays.copyOfRange(pixels, start * per, (start + n) * per);
            try (PointerScope scope = new PointerScope()) {
                ProbeReading reading = probe.read(Tensor.create(part, n, 3, S, S));
                for (int i = 0; i < n; i++) {
                    scores[start + i] = reading.face(i).plausibility();
                }
            }
        }
        return scores;
    }
}
