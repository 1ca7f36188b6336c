package dev.locus.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageIntakeTest {

    static byte[] encode(int width, int height, String format) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void sniffsByMagicBytes() throws Exception {
        assertThat(ImageFormat.sniff(encode(4, 4, "png"))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(encode(4, 4, "jpeg"))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(encode(4, 4, "gif"))).isEmpty();
        assertThat(ImageFormat.sniff(encode(4, 4, "bmp"))).isEmpty();
        assertThat(ImageFormat.sniff("<svg xmlns=...>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0x89, 'P', 'N'})).isEmpty();
        assertThat(ImageFormat.sniff(new byte[0])).isEmpty();
        assertThat(ImageFormat.sniff(null)).isEmpty();
    }

    @Test
    void acceptsPngAndJpegAsUploaded() throws Exception {
        ImageIntake intake = new ImageIntake(1 << 20, 1 << 20, 4096);
        byte[] png = encode(40, 30, "png");
        ImageIntake.Accepted accepted = intake.accept(png, null);
        assertThat(accepted.format()).isEqualTo(ImageFormat.PNG);
        assertThat(accepted.bytes()).isSameAs(png);
        assertThat(accepted.width()).isEqualTo(40);
        assertThat(accepted.height()).isEqualTo(30);
        assertThat(intake.accept(encode(8, 8, "jpeg"), null).format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void resizesToTheModelsResolution() throws Exception {
        ImageIntake intake = new ImageIntake(1 << 20, 1 << 20, 4096);
        ImageIntake.Accepted accepted = intake.accept(encode(64, 48, "jpeg"), 32);
        assertThat(accepted.resized()).isTrue();
        assertThat(accepted.format()).isEqualTo(ImageFormat.PNG);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(accepted.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(32);
        byte[] exact = encode(32, 32, "png");
        assertThat(intake.accept(exact, 32).bytes()).isSameAs(exact);
    }

    @Test
    void refusesWithTheFileNamed() throws Exception {
        ImageIntake intake = new ImageIntake(2000, 100 * 100, 4096);
        assertProblem(() -> intake.accept(new byte[0], null), 400, Reasons.REQUIRED);
        assertProblem(() -> intake.accept(new byte[2001], null), 413, Reasons.TOO_LARGE);
        assertProblem(() -> intake.accept(encode(4, 4, "gif"), null), 415, Reasons.UNSUPPORTED_FORMAT);
        assertProblem(() -> intake.accept(encode(101, 100, "png"), null), 413, Reasons.TOO_LARGE);
        byte[] png = encode(8, 8, "png");
        assertProblem(() -> intake.accept(Arrays.copyOf(png, 20), null), 400, Reasons.MALFORMED);
    }

    @Test
    void refusesADamagedPngThatImageIoWouldDecode() throws Exception {
        ImageIntake intake = new ImageIntake(1 << 20, 1 << 20, 4096);
        byte[] damaged = encode(8, 8, "png");
        damaged[damaged.length - 20] ^= 0x01; // a bit of the last IDAT's data or CRC: ImageIO does not check CRCs
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> intake.accept(damaged, null));
        assertThat(problem).isNotNull();
        assertThat(problem.getMessage()).startsWith("the PNG file is not valid: the CRC of its ");
        assertProblem(() -> intake.accept(Arrays.copyOf(encode(8, 8, "png"), 60), null), 400, Reasons.MALFORMED);
    }

    @Test
    void refusesAnImageWithASideAboveTheLimit() throws Exception {
        ImageIntake intake = new ImageIntake(1 << 20, 1 << 20, 4096);
        // 1,048,576 pixels, as many as a 1024 x 1024 image, in one row
        assertProblem(() -> intake.accept(encode(1 << 20, 1, "png"), null), 422, Reasons.TOO_LARGE);
    }

    private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
                                      String reason) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, call);
        assertThat(problem).isNotNull();
        assertThat(problem.field()).isEqualTo("file");
        assertThat(problem.status().value()).isEqualTo(status);
        assertThat(problem.reason()).isEqualTo(reason);
    }
}
