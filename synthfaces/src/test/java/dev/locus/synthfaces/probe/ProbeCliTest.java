package dev.locus.synthfaces.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.synthfaces.Face;
import dev.locus.synthfaces.FaceGenerator;
import dev.locus.synthfaces.FaceWriter;
import dev.locus.synthfaces.cli.SynthFacesCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/** probe, probe-eval and probe-train on the command line (in the probe package to reach the shipped weights). */
class ProbeCliTest {

    @BeforeAll
    static void oneThread() {
        TestThreads.single();
    }

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SynthFacesCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void probePrintsFactorsAndPlausibilityAsJson() throws Exception {
        long seed = Seeds.EVALUATION + 77;
        Face face = FaceGenerator.generate(seed, 32);
        Path png = dir.resolve("face.png");
        FaceWriter.writePng(face.image(), png);

        assertThat(run("probe", "--image", png.toString(), "--weights", ShippedProbe.path().toString())).isZero();

        Map<?, ?> json = JsonMapper.builder().build().readValue(out.toString(), Map.class);
        assertThat(json.get("plausible")).isEqualTo(true);
        Map<?, ?> factors = (Map<?, ?>) json.get("factors");
        assertThat(factors).hasSize(15);
        Map<?, ?> hair = (Map<?, ?>) factors.get("hair_colour");
        assertThat(hair.get("value")).isEqualTo(face.factors().hairColour().name().toLowerCase());
        assertThat((Double) hair.get("confidence")).isBetween(0.25, 1.0);
        assertThat(((Map<?, ?>) factors.get("glasses")).get("value")).isEqualTo(face.factors().glasses());
        assertThat(((Map<?, ?>) factors.get("eye_openness")).get("value")).isInstanceOf(Double.class);
    }

    @Test
    void probeEvalPrintsTheAccuracyTable() {
        assertThat(run("probe-eval", "--count", "100", "--no-plausibility", "--weights",
                ShippedProbe.path().toString())).isZero();
        assertThat(out.toString()).contains("| factor | kind | accuracy | MAE (normalised) | R^2 |")
                .contains("| hair_colour | categorical |").contains("| gaze | continuous |");
    }

    @Test
    void probeRejectsPicturesOfTheWrongSize() throws Exception {
        Path png = dir.resolve("big.png");
        FaceWriter.writePng(FaceGenerator.generate(1, 64).image(), png);
        assertThat(run("probe", "--image", png.toString(), "--weights", ShippedProbe.path().toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("synthfaces: ").contains("32x32").doesNotContain("\n");
    }

    @Test
    void missingFilesFailWithOneLine() {
        assertThat(run("probe", "--image", dir.resolve("none.png").toString(), "--weights",
                ShippedProbe.path().toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("synthfaces: ").contains("no such file").doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe", "probe-train --steps 1", "probe-eval --count 0", "probe-eval --first-seed 5",
            "probe-train --steps 0 --out x"})
    void badArgumentsEndWithOneLineAndUsageExitCode(String args) {
        assertThat(run(args.split(" "))).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("synthfaces: ").doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe", "probe-train", "probe-eval"})
    void everyProbeCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: synthfaces " + command);
    }

    @Test
    void probeTrainRunsAndStopsAtItsTimeBudget() throws Exception {
        Path outDir = dir.resolve("run");
        // A budget of zero minutes but one step: trains, checkpoints, and finishes without the long evaluation.
        int code = run("probe-train", "--steps", "3", "--batch-size", "4", "--outliers", "1", "--out",
                outDir.toString(), "--max-minutes", "0.00001", "--log-every", "1");
        assertThat(code).isEqualTo(3);
        assertThat(out.toString()).contains("step 1/3").contains("continue with --resume");
        assertThat(Files.exists(outDir.resolve(ProbeTrainer.CHECKPOINT))).isTrue();
    }
}
