package dev.locus.synthfaces.modelcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveChartTest {

    @TempDir
    Path dir;

    private Path csv(String... lines) throws IOException {
        Path file = dir.resolve("loss.csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void rendersAPngOfTheRightSizeFromASmallCsv() throws IOException {
        Path file = csv("step,loss,smoothed", "1,1.29756,1.29756", "2,0.9,1.1", "3,0.4,0.8", "4,0.12,0.5",
                "5,0.08,0.3", "6,0.05,0.2");
        LossCurve curve = LossCurve.read(file);
        assertThat(curve.size()).isEqualTo(6);
        assertThat(curve.lastStep()).isEqualTo(6);
        assertThat(curve.lowestSmoothed()).containsExactly(0.2, 6.0);

        Path png = dir.resolve("loss-curve.png");
        LossCurveChart.write(curve, "Training loss", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(LossCurveChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LossCurveChart.HEIGHT);
        assertThat(darkBluePixels(image)).as("the bold smoothed line").isGreaterThan(200);
    }

    @Test
    void rendersASingleStepAndAFlatCurve() {
        LossCurve one = LossCurve.parse(List.of("step,loss,smoothed", "1,0.5,0.5"), "one");
        assertThat(LossCurveChart.render(one, "t", 400, 300).getWidth()).isEqualTo(400);
        LossCurve flat = LossCurve.parse(List.of("step,loss,smoothed", "1,0.5,0.5", "2,0.5,0.5"), "flat");
        assertThat(LossCurveChart.render(flat, "t", 400, 300).getHeight()).isEqualTo(300);
    }

    @Test
    void refusesAMalformedCsvNamingTheLine() throws IOException {
        Path file = csv("step,loss,smoothed", "1,1.2,1.2", "2,oops,1.1", "3,0.9,1.0");
        assertThatThrownBy(() -> LossCurve.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " line 3").hasMessageContaining("loss 'oops' is not a number");

        Path missingColumn = csv("step,loss,smoothed", "1,1.2,1.2", "2,1.1");
        assertThatThrownBy(() -> LossCurve.read(missingColumn)).hasMessageContaining("line 3")
                .hasMessageContaining("expected 3 comma-separated values");

        Path header = csv("step;loss;smoothed", "1;1.2;1.2");
        assertThatThrownBy(() -> LossCurve.read(header)).hasMessageContaining("line 1")
                .hasMessageContaining("expected the header 'step,loss,smoothed'");

        Path diverged = csv("step,loss,smoothed", "1,1.2,1.2", "2,1.1,1.15", "3,NaN,NaN");
        assertThatThrownBy(() -> LossCurve.read(diverged)).hasMessageContaining("line 4")
                .hasMessageContaining("not a positive finite number");

        Path backwards = csv("step,loss,smoothed", "5,1.2,1.2", "4,1.1,1.15");
        assertThatThrownBy(() -> LossCurve.read(backwards)).hasMessageContaining("line 3")
                .hasMessageContaining("step 4 does not follow step 5");

        Path empty = csv("step,loss,smoothed");
        assertThatThrownBy(() -> LossCurve.read(empty)).hasMessageContaining("no steps after the header");

        assertThatThrownBy(() -> LossCurve.read(dir.resolve("absent.csv")))
                .hasMessageContaining("absent.csv: no such loss file");
    }

    @Test
    void logTicksAreRoundAndInRange() {
        assertThat(LossCurveChart.logTicks(0.03, 1.5)).containsExactly(0.05, 0.1, 0.2, 0.5, 1.0);
        assertThat(LossCurveChart.logTicks(1e-4, 10)).containsExactly(1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0);
        assertThat(LossCurveChart.logTicks(0.052, 0.058)).isNotEmpty()
                .allSatisfy(v -> assertThat(v).isBetween(0.052, 0.058));
        assertThat(LossCurveChart.linearTicks(1, 750)).containsExactly(200.0, 400.0, 600.0);
        assertThat(LossCurveChart.format(0.30000000000000004)).isEqualTo("0.3");
        assertThat(LossCurveChart.format(2500)).isEqualTo("2500");
    }

    private static int darkBluePixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (b > 100 && r < 60 && g < 90) {
                    n++;
                }
            }
        }
        return n;
    }
}
