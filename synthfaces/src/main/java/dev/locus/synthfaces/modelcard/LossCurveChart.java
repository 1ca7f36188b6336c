package dev.locus.synthfaces.modelcard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link LossCurve} with Java2D: the loss of every step as a faint line, the smoothed loss bold on top,
 * training step on a linear x axis and loss on a logarithmic y axis (a diffusion loss falls fast and then
 * slowly, and only a log axis shows both), with ticks, axis labels, a legend and a title.
 */
public final class LossCurveChart {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 500;

    private static final Color RAW = new Color(70, 130, 200, 70);
    private static final Color SMOOTHED = new Color(20, 60, 140);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color AXIS = new Color(60, 60, 60);

    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private LossCurveChart() {}

    /** Writes the chart as a PNG of {@link #WIDTH} x {@link #HEIGHT}. */
    public static void write(LossCurve curve, String title, Path png) {
        try {
            if (!ImageIO.write(render(curve, title, WIDTH, HEIGHT), "png", png.toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /** The chart as an RGB image of {@code width} x {@code height}. */
    public static BufferedImage render(LossCurve curve, String title, int width, int height) {
        if (width < LEFT + RIGHT + 50 || height < TOP + BOTTOM + 50) {
            throw new IllegalArgumentException("a loss chart needs at least " + (LEFT + RIGHT + 50) + "x"
                    + (TOP + BOTTOM + 50) + " px, got " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            new Plot(curve, LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM).draw(g, title);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The plot area and the mapping from data to pixels. */
    private static final class Plot {
        private final LossCurve curve;
        private final int x0;
        private final int y0;
        private final int w;
        private final int h;
        private final double xMin;
        private final double xMax;
        private final double logMin;
        private final double logMax;

        Plot(LossCurve curve, int x0, int y0, int w, int h) {
            this.curve = curve;
            this.x0 = x0;
            this.y0 = y0;
            this.w = w;
            this.h = h;
            double first = curve.steps()[0];
            double last = curve.lastStep();
            this.xMin = first == last ? first - 1 : first;
            this.xMax = first == last ? last + 1 : last;
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (int i = 0; i < curve.size(); i++) {
                lo = Math.min(lo, Math.min(curve.loss()[i], curve.smoothed()[i]));
                hi = Math.max(hi, Math.max(curve.loss()[i], curve.smoothed()[i]));
            }
            // 5% of the log range (at least a factor 1.05) of air above and below the data.
            double pad = Math.max(Math.log10(1.05), 0.05 * Math.log10(hi / lo));
            this.logMin = Math.log10(lo) - pad;
            this.logMax = Math.log10(hi) + pad;
        }

        double px(double step) {
            return x0 + (step - xMin) / (xMax - xMin) * w;
        }

        double py(double loss) {
            return y0 + h - (Math.log10(loss) - logMin) / (logMax - logMin) * h;
        }

        void draw(Graphics2D g, String title) {
            Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            g.setFont(tickFont);
            FontMetrics fm = g.getFontMetrics();
            // Grid and ticks.
            for (double v : logTicks(Math.pow(10, logMin), Math.pow(10, logMax))) {
                int y = (int) Math.round(py(v));
                g.setColor(GRID);
                g.drawLine(x0, y, x0 + w, y);
                g.setColor(AXIS);
                g.drawLine(x0 - 5, y, x0, y);
                String label = format(v);
                g.drawString(label, x0 - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
            for (double v : linearTicks(xMin, xMax)) {
                int x = (int) Math.round(px(v));
                g.setColor(GRID);
                g.drawLine(x, y0, x, y0 + h);
                g.setColor(AXIS);
                g.drawLine(x, y0 + h, x, y0 + h + 5);
                String label = format(v);
                g.drawString(label, x - fm.stringWidth(label) / 2, y0 + h + 8 + fm.getAscent());
            }
            // Curves, clipped to the plot area.
            java.awt.Shape clip = g.getClip();
            g.clipRect(x0, y0, w + 1, h + 1);
            g.setStroke(new BasicStroke(1f));
            g.setColor(RAW);
            g.draw(line(curve.loss()));
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(SMOOTHED);
            g.draw(line(curve.smoothed()));
            g.setClip(clip);
            // Frame, labels, title, legend.
            g.setStroke(new BasicStroke(1f));
            g.setColor(AXIS);
            g.drawRect(x0, y0, w, h);
            g.setFont(labelFont);
            FontMetrics lm = g.getFontMetrics();
            String xLabel = "training step";
            g.drawString(xLabel, x0 + (w - lm.stringWidth(xLabel)) / 2, y0 + h + 45);
            String yLabel = "loss (log scale)";
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(y0 + (h + lm.stringWidth(yLabel)) / 2), 22);
            g.setTransform(saved);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            FontMetrics tm = g.getFontMetrics();
            g.drawString(title, x0 + (w - tm.stringWidth(title)) / 2, y0 - 18);
            legend(g, tickFont);
        }

        private void legend(Graphics2D g, Font font) {
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            String raw = "loss per step";
            String smooth = "smoothed (EMA 0.98)";
            int boxW = 40 + Math.max(fm.stringWidth(raw), fm.stringWidth(smooth)) + 12;
            int bx = x0 + w - boxW - 10;
            int by = y0 + 10;
            g.setColor(new Color(255, 255, 255, 230));
            g.fillRect(bx, by, boxW, 44);
            g.setColor(GRID);
            g.drawRect(bx, by, boxW, 44);
            g.setStroke(new BasicStroke(1.5f));
            g.setColor(new Color(70, 130, 200, 140));
            g.drawLine(bx + 8, by + 15, bx + 32, by + 15);
            g.setStroke(new BasicStroke(2.5f));
            g.setColor(SMOOTHED);
            g.drawLine(bx + 8, by + 32, bx + 32, by + 32);
            g.setColor(AXIS);
            g.drawString(raw, bx + 40, by + 15 + fm.getAscent() / 2 - 1);
            g.drawString(smooth, bx + 40, by + 32 + fm.getAscent() / 2 - 1);
            g.setStroke(new BasicStroke(1f));
        }

        private Path2D line(double[] values) {
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < values.length; i++) {
                double x = px(curve.steps()[i]);
                double y = py(values[i]);
                if (i == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            if (values.length == 1) {
                path.lineTo(px(curve.steps()[0]) + 0.01, py(values[0])); // a dot, not nothing
            }
            return path;
        }
    }

    /** About {@code 5} round ticks (1, 2 or 5 times a power of ten apart) within [lo, hi]. */
    static List<Double> linearTicks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        int exponent = (int) Math.floor(Math.log10(raw));
        BigDecimal step = BigDecimal.TEN.scaleByPowerOfTen(exponent);
        for (int m : new int[] {1, 2, 5, 10}) {
            BigDecimal candidate = BigDecimal.valueOf(m).scaleByPowerOfTen(exponent);
            if (candidate.doubleValue() >= raw) {
                step = candidate;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        // Multiples of a decimal step, computed in decimal so that 0.058 is 0.058 and not 0.05800000000000001.
        for (long k = (long) Math.ceil(lo / step.doubleValue()); ; k++) {
            double v = step.multiply(BigDecimal.valueOf(k)).doubleValue();
            if (v > hi) {
                break;
            }
            if (v >= lo) {
                ticks.add(v);
            }
        }
        return ticks;
    }

    /**
     * Ticks for a log axis over [lo, hi]: powers of ten over a wide range, 1-2-5 over one to three decades, every
     * digit below that, and linear ticks if the range is too narrow for even those to give two.
     */
    static List<Double> logTicks(double lo, double hi) {
        double decades = Math.log10(hi / lo);
        double[] mantissas = decades > 3 ? new double[] {1} : decades > 1 ? new double[] {1, 2, 5}
                : new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
        List<Double> ticks = new ArrayList<>();
        for (int k = (int) Math.floor(Math.log10(lo)); k <= (int) Math.ceil(Math.log10(hi)); k++) {
            for (double m : mantissas) {
                double v = new BigDecimal(m).scaleByPowerOfTen(k).doubleValue();
                if (v >= lo && v <= hi) {
                    ticks.add(v);
                }
            }
        }
        return ticks.size() >= 2 ? ticks : linearTicks(lo, hi);
    }

    /** A tick value with at most 3 significant digits and no trailing zeros: 0.05, 1.2, 2500. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
