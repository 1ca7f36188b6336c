package dev.locus.synthfaces.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FaceGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

class CliTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SynthFacesCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void renderWritesPictureMasksAndFactors() throws IOException {
        Path png = dir.resolve("face.png");
        Path masks = dir.resolve("masks");
        assertThat(run("render", "--seed", "7", "--size", "32", "--out", png.toString(), "--masks", masks.toString()))
                .isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(32);
        assertThat(img.getRGB(0, 0, 32, 32, null, 0, 32))
                .isEqualTo(FaceGenerator.generate(7, 32).image().getRGB(0, 0, 32, 32, null, 0, 32));
        for (String region : new String[] {"eyes", "eyebrows", "mouth", "hair", "face", "background"}) {
            BufferedImage m = ImageIO.read(masks.resolve("mask_" + region + ".png").toFile());
            assertThat(m.getWidth()).as(region).isEqualTo(32);
        }
        Map<?, ?> json = JsonMapper.builder().build().readValue(masks.resolve("factors.json").toFile(), Map.class);
        assertThat(json.get("seed")).isEqualTo(7);
        assertThat((String) json.get("caption")).isEqualTo(FaceGenerator.generate(7, 32).caption());
        Map<?, ?> factors = (Map<?, ?>) json.get("factors");
        assertThat(factors).hasSize(Factor.values().length);
        assertThat(factors.get("eye_openness")).isInstanceOf(Double.class);
        assertThat(factors.get("glasses")).isInstanceOf(Boolean.class);
    }

    @Test
    void renderWithoutMasksWritesJsonBesideThePicture() {
        Path png = dir.resolve("a.png");
        assertThat(run("render", "--seed", "1", "--out", png.toString(), "--set", "eye_openness=0",
                "--set", "hair_colour=blonde", "--size", "64")).isZero();
        assertThat(dir.resolve("a.json")).content().contains("\"eye_openness\" : 0.0").contains("\"blonde\"");
    }

    @Test
    void gridLaysOutUpscaledFaces() throws IOException {
        Path png = dir.resolve("grid.png");
        assertThat(run("grid", "--seeds", "0..5", "--size", "32", "--scale", "2", "--columns", "3",
                "--out", png.toString())).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(3 * 64);
        assertThat(img.getHeight()).isEqualTo(2 * 64);
        BufferedImage first = FaceGenerator.generate(0, 32).image();
        assertThat(img.getRGB(10, 10)).isEqualTo(first.getRGB(5, 5));
        assertThat(img.getRGB(11, 11)).isEqualTo(first.getRGB(5, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"render", "grid", "schema"})
    void everyCommandHasHelp(String command) {
        StringWriter help = new StringWriter();
        CommandLine cli = SynthFacesCli.commandLine();
        cli.setOut(new PrintWriter(help, true));
        assertThat(cli.execute(command, "--help")).isZero();
        assertThat(help.toString()).contains("Usage: synthfaces " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "render --seed 1 --size 7 --out x.png",
            "render --seed one --out x.png",
            "render --seed 1",
            "render --seed 1 --out x.png --set nose=1",
            "render --seed 1 --out x.png --set eye_openness=2",
            "render --seed 1 --out x.png --set hair_colour=purple",
            "grid --seeds 9..3 --out g.png",
            "grid --seeds a..b --out g.png",
            "grid --seeds 0..3 --scale 0 --out g.png",
            "render --bogus",
            "frobnicate",
            ""})
    void badArgumentsEndWithOneLineAndUsageExitCode(String args) {
        String[] argv = args.isEmpty() ? new String[0] : args.replace("x.png", dir.resolve("x.png").toString())
                .replace("g.png", dir.resolve("g.png").toString()).split(" ");
        assertThat(run(argv)).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("synthfaces: ").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void failuresToWriteEndWithOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThat(run("render", "--seed", "1", "--out", file.resolve("face.png").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("synthfaces: ").doesNotContain("\n");
    }

    @Test
    void schemaListsEveryFactor() {
        assertThat(run("schema")).isZero();
    }
}
