package dev.locus.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    /** One 8-bit step in [-1, 1]. */
    private static final float STEP = 1f / 127.5f;

    @TempDir
    Path dir;

    @Test
    void writeThenReadKeepsValuesWithinOneStep() {
        int height = 5;
        int width = 7;
        float[] values = new float[3 * height * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.37);
        }
        Path png = dir.resolve("round.png");
        try (Tensor image = Tensor.create(values, 1, 3, height, width)) {
            Images.writeRgb(image, png);
        }
        try (Tensor back = Images.readRgb(png)) {
            assertThat(back.shape()).containsExactly(1, 3, height, width);
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Float);
            float[] read = TensorTestUtil.floats(back);
            for (int i = 0; i < values.length; i++) {
                assertThat(read[i]).as("element %d", i).isCloseTo(values[i], within(STEP / 2 + 1e-6f));
            }
        }
    }

    @Test
    void writeClampsAndAcceptsUnbatchedImages() {
        Path png = dir.resolve("clamp.png");
        try (Tensor image = Tensor.create(new float[] {2f, -3f, 0f, 1f, -1f, 0.5f}, 3, 1, 2)) {
            Images.writeRgb(image, png);
        }
        try (Tensor back = Images.readRgb(png)) {
            // 0 -> round(127.5) = 128 -> 128 / 127.5 - 1; 0.5 -> round(191.25) = 191.
            assertThat(TensorTestUtil.floats(back))
                    .containsExactly(1f, -1f, 128 / 127.5f - 1, 1f, -1f, 191 / 127.5f - 1);
        }
    }

    @Test
    void readsKnownPixelsInRgbOrder() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0080); // R=255, G=0, B=128
        image.setRGB(1, 0, 0x00FF00);
        Path png = dir.resolve("known.png");
        ImageIO.write(image, "png", png.toFile());
        try (Tensor back = Images.readRgb(png)) {
            // planes: R of both pixels, then G, then B
            assertThat(TensorTestUtil.floats(back)).containsExactly(1f, -1f, -1f, 1f, 128 / 127.5f - 1, -1f);
        }
    }

    @Test
    void readsGrayscaleSamplesWithoutGammaShift() throws IOException {
        Path png = writeGray("gray.png", 0, 100, 200);
        try (Tensor back = Images.readRgb(png)) {
            float v = 100 / 127.5f - 1;
            assertThat(TensorTestUtil.floats(back))
                    .containsExactly(-1f, v, 200 / 127.5f - 1, -1f, v, 200 / 127.5f - 1, -1f, v, 200 / 127.5f - 1);
        }
    }

    @Test
    void readsJpeg() throws IOException {
        BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        Path jpeg = dir.resolve("photo.jpg");
        assertThat(ImageIO.write(image, "jpeg", jpeg.toFile())).isTrue();
        try (Tensor back = Images.readRgb(jpeg)) {
            assertThat(back.shape()).containsExactly(1, 3, 4, 8);
        }
    }

    @Test
    void maskIsOneWhereLuminanceIsAbove127() throws IOException {
        Path gray = writeGray("mask.png", 0, 127, 128, 255);
        try (Tensor mask = Images.readMask(gray, 1, 4)) {
            assertThat(mask.shape()).containsExactly(1, 1, 1, 4);
            assertThat(TensorTestUtil.floats(mask)).containsExactly(0f, 0f, 1f, 1f);
        }
        // Luminance: red 76, green 150, blue 29, white 255.
        BufferedImage colour = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(0, 0, 0xFF0000);
        colour.setRGB(1, 0, 0x00FF00);
        colour.setRGB(0, 1, 0x0000FF);
        colour.setRGB(1, 1, 0xFFFFFF);
        Path png = dir.resolve("colour-mask.png");
        ImageIO.write(colour, "png", png.toFile());
        try (Tensor mask = Images.readMask(png, 2, 2)) {
            assertThat(TensorTestUtil.floats(mask)).containsExactly(0f, 1f, 0f, 1f);
        }
    }

    @Test
    void maskOfTheWrongSizeIsRefused() throws IOException {
        Path png = writeGray("small.png", 0, 255);
        assertThatThrownBy(() -> Images.readMask(png, 4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small.png")
                .hasMessageContaining("1x2")
                .hasMessageContaining("4x4");
    }

    @Test
    void unreadableFilesAreRefusedWithPathAndReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        assertThatThrownBy(() -> Images.readRgb(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.png")
                .hasMessageContaining("not an image");
        assertThatThrownBy(() -> Images.readRgb(dir.resolve("missing.png")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.png")
                .hasMessageContaining("no such file");
    }

    @Test
    void writeRefusesOtherShapes() {
        try (Tensor batch = Tensor.create(new float[24], 2, 3, 2, 2); Tensor gray = Tensor.create(new float[4], 1, 2, 2)) {
            assertThatThrownBy(() -> Images.writeRgb(batch, dir.resolve("a.png")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 2, 2]");
            assertThatThrownBy(() -> Images.writeRgb(gray, dir.resolve("b.png")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 2, 2]");
        }
    }

    @Test
    void gridTilesImagesRowByRowWithPadding() throws IOException {
        int height = 4;
        int width = 6;
        int padding = 2;
        // Five images: one unbatched then a batch of four; image k is a flat gray of value k / 5.
        try (Tensor first = Tensor.create(constant(3 * height * width, 0f), 3, height, width);
                Tensor batch = Tensor.create(batchOfConstants(4, 3 * height * width), 4, 3, height, width)) {
            Path png = dir.resolve("grid.png");
            Images.writeGrid(List.of(first, batch), 3, padding, png);

            BufferedImage grid = ImageIO.read(png.toFile());
            assertThat(grid.getWidth()).isEqualTo(3 * (width + padding) + padding);
            assertThat(grid.getHeight()).isEqualTo(2 * (height + padding) + padding);
            for (int k = 0; k < 5; k++) {
                int x = padding + (k % 3) * (width + padding);
                int y = padding + (k / 3) * (height + padding);
                int expected = Math.round((k / 5f + 1) * 127.5f);
                assertThat(grid.getRGB(x, y) & 0xFF).as("image %d top-left", k).isEqualTo(expected);
                assertThat(grid.getRGB(x + width - 1, y + height - 1) & 0xFF).as("image %d bottom-right", k)
                        .isEqualTo(expected);
            }
            assertThat(grid.getRGB(0, 0) & 0xFFFFFF).as("padding").isZero();
            assertThat(grid.getRGB(padding + width, padding) & 0xFFFFFF).as("gutter").isZero();
            assertThat(grid.getRGB(grid.getWidth() - 1, grid.getHeight() - 1) & 0xFFFFFF).as("empty cell").isZero();
        }
    }

    @Test
    void gridNeverHasMoreColumnsThanImages() throws IOException {
        try (Tensor batch = Tensor.create(new float[2 * 3 * 4 * 5], 2, 3, 4, 5)) {
            Path png = dir.resolve("narrow.png");
            Images.writeGrid(List.of(batch), 8, 1, png);
            BufferedImage grid = ImageIO.read(png.toFile());
            assertThat(grid.getWidth()).isEqualTo(2 * (5 + 1) + 1);
            assertThat(grid.getHeight()).isEqualTo(4 + 2);
        }
    }

    @Test
    void gridRefusesMixedSizes() {
        try (Tensor a = Tensor.create(new float[3 * 4], 3, 2, 2); Tensor b = Tensor.create(new float[3 * 6], 3, 2, 3)) {
            assertThatThrownBy(() -> Images.writeGrid(List.of(a, b), 2, 0, dir.resolve("mixed.png")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
        }
    }

    private Path writeGray(String name, int... values) throws IOException {
        BufferedImage image = new BufferedImage(values.length, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, values.length, 1, 0, values);
        Path png = dir.resolve(name);
        ImageIO.write(image, "png", png.toFile());
        return png;
    }

    private static float[] constant(int size, float value) {
        float[] values = new float[size];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static float[] batchOfConstants(int count, int size) {
        float[] values = new float[count * size];
        for (int k = 0; k < count; k++) {
            java.util.Arrays.fill(values, k * size, (k + 1) * size, (k + 1) / 5f);
        }
        return values;
    }
}
