package dev.locus.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.io.Images;
import dev.locus.engine.io.SafetensorsFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: outputs on disk, one-line errors and exit codes. */
class LocusEngineCliTest {

    private static final Path MODEL = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureStreams() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restoreStreams() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void infoPrintsParameterCountAndFingerprint() {
        assertThat(LocusEngineCli.run("info", "--model", MODEL.toString())).isZero();
        assertThat(out.toString()).contains("parameters:  409,219").containsPattern("fingerprint: sha256:[0-9a-f]{64}")
                .contains("device:      cpu float32");
    }

    @Test
    void forwardReproducesTheReferenceEps() {
        Path output = temp.resolve("out.safetensors");
        int code = LocusEngineCli.run("forward", "--model", MODEL.toString(),
                "--input", MODEL.resolve("inputs.safetensors").toString(), "--output", output.toString());
        assertThat(code).as(err.toString()).isZero();
        try (SafetensorsFile ours = SafetensorsFile.open(output);
             SafetensorsFile reference = SafetensorsFile.open(MODEL.resolve("outputs.safetensors"))) {
            Tensor diff = ours.load("eps").sub(reference.load("eps")).abs().max();
            assertThat(diff.item_double()).isLessThan(5e-5);
            assertThat(ours.load("h_mid").shape()).containsExactly(2, 32, 4, 4);
        }
    }

    @Test
    void sampleInvertAndDenoiseRoundTripAnImage() {
        Path grid = temp.resolve("grid.png");
        assertThat(LocusEngineCli.run("sample", "--model", MODEL.toString(), "--steps", "5", "--seed", "3",
                "--count", "4", "--out", grid.toString())).as(err.toString()).isZero();
        Tensor sheet = Images.readRgb(grid);
        assertThat(sheet.shape()).containsExactly(1, 3, 2 + 2 * 18, 2 + 2 * 18);

        Path image = temp.resolve("one.png");
        Images.writeRgb(sheet.narrow(2, 2, 16).narrow(3, 2, 16), image);
        Path xt = temp.resolve("xt.safetensors");
        assertThat(LocusEngineCli.run("invert", "--model", MODEL.toString(), "--image", image.toString(),
                "--t", "0.6", "--steps", "10", "--out", xt.toString())).as(err.toString()).isZero();
        try (SafetensorsFile file = SafetensorsFile.open(xt)) {
            // the 10-step schedule's step nearest 0.6 x 1000
            assertThat(file.metadata()).containsEntry("timestep", "600.0").containsEntry("steps", "10");
        }
        Path back = temp.resolve("back.png");
        assertThat(LocusEngineCli.run("denoise", "--model", MODEL.toString(), "--xt", xt.toString(),
                "--out", back.toString())).as(err.toString()).isZero();
        assertThat(Images.readRgb(back).shape()).containsExactly(1, 3, 16, 16);
    }

    @Test
    void discoverAndApplyComposeDirectionsIntoAStrengthSweep() {
        Path image = temp.resolve("face.png");
        Images.writeRgb(torch.rand(3, 16, 16).mul(new org.bytedeco.pytorch.Scalar(2)).sub(new org.bytedeco.pytorch.Scalar(1)), image);
        Path top = temp.resolve("top.png");
        Path bottom = temp.resolve("bottom.png");
        Tensor topMask = torch.zeros(3, 16, 16);
        topMask.narrow(1, 0, 8).fill_(new org.bytedeco.pytorch.Scalar(1.0));
        Images.writeRgb(topMask.mul(new org.bytedeco.pytorch.Scalar(2)).sub(new org.bytedeco.pytorch.Scalar(1)), top);
        Images.writeRgb(topMask.neg().mul(new org.bytedeco.pytorch.Scalar(2)).add(new org.bytedeco.pytorch.Scalar(1)), bottom);

        Path loco = temp.resolve("loco.safetensors");
        assertThat(LocusEngineCli.run("discover", "loco", "--model", MODEL.toString(), "--image", image.toString(),
                "--mask", top.toString(), "--t", "0.5", "--k", "2", "--null-rank", "2", "--steps", "10",
                "--min-iterations", "2", "--max-iterations", "3", "--out", loco.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote 2 LOCO directions");
        Path jive = temp.resolve("jive.safetensors");
        assertThat(LocusEngineCli.run("discover", "jive", "--model", MODEL.toString(), "--image", image.toString(),
                "--regions", top + "," + bottom, "--t", "0.5", "--rank", "6", "--joint-rank", "2", "--individual-rank", "2",
                "--steps", "10", "--max-iterations", "5", "--out", jive.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("top/individual/0").contains("joint/1");

        Path edits = temp.resolve("edits");
        assertThat(LocusEngineCli.run("apply", "--model", MODEL.toString(), "--image", image.toString(), "--steps", "10",
                "--direction", loco + ":1@4", "--direction", jive + ":0@2", "--strengths", "-4,0,4",
                "--out-dir", edits.toString())).as(err.toString()).isZero();
        assertThat(edits.resolve("strength_-4.png")).exists();
        assertThat(edits.resolve("strength_0.png")).exists();
        assertThat(edits.resolve("strength_4.png")).exists();
        assertThat(Images.readRgb(edits.resolve("grid.png")).shape()).containsExactly(1, 3, 20, 2 + 3 * 18);

        err.reset();
        assertThat(LocusEngineCli.run("apply", "--model", MODEL.toString(), "--image", image.toString(),
                "--direction", loco + ":7", "--out-dir", edits.toString())).isNotZero();
        assertThat(err.toString()).contains("direction index 7 out of range");
    }

    @Test
    void badArgumentsEndWithOneLineAndANonZeroExit() {
        assertThat(LocusEngineCli.run("info", "--model", temp.resolve("nowhere").toString())).isNotZero();
        assertThat(err.toString().strip()).startsWith("error:").contains("does not exist").doesNotContain("\tat ");

        err.reset();
        Path notAnImage = temp.resolve("broken.png");
        writeText(notAnImage, "not a png");
        assertThat(LocusEngineCli.run("invert", "--model", MODEL.toString(), "--image", notAnImage.toString(),
                "--t", "0.5", "--out", temp.resolve("x.safetensors").toString())).isNotZero();
        assertThat(err.toString().strip().lines()).hasSize(1).allMatch(line -> line.startsWith("error:"));

        err.reset();
        Path wrongShape = temp.resolve("in.safetensors");
        dev.locus.engine.io.SafetensorsWriter.write(wrongShape, java.util.Map.of(
                "x", torch.zeros(2, 4, 16, 16), "timesteps", torch.zeros(new long[] {2},
                        new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long))), java.util.Map.of());
        assertThat(LocusEngineCli.run("forward", "--model", MODEL.toString(), "--input", wrongShape.toString(),
                "--output", temp.resolve("o.safetensors").toString())).isNotZero();
        assertThat(err.toString()).contains("x must be [B,3,H,W]");

        err.reset();
        assertThat(LocusEngineCli.run("invert", "--model", MODEL.toString(), "--image", notAnImage.toString(),
                "--t", "1.5", "--out", "x")).isNotZero();
        assertThat(err.toString()).contains("--t must be in (0, 1]");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"info", "forward", "sample", "invert", "denoise", "discover", "discover loco",
                "discover jive", "apply", "bench"}) {
            out.reset();
            String[] words = (command + " --help").split(" ");
            assertThat(LocusEngineCli.run(words)).isZero();
            assertThat(out.toString()).contains("Usage: locus-engine " + command);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
