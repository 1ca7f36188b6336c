package dev.locus.synthfaces.modelcard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.training.DiffusersExport;
import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.cli.SynthFacesCli;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ModelCardCommandTest {

    @TempDir
    Path dir;

    private Path model;
    private Path loss;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void tinyModelAndLoss() throws IOException {
        model = dir.resolve("model");
        UNet2DModel unet = TestProbe.tinyModel(5);
        DiffusersExport.write(model, unet.config(), unet.parameters(), SchedulerConfig.ddpmDefault());
        loss = dir.resolve("loss.csv");
        Files.writeString(loss, "step,loss,smoothed\n1,1.3,1.3\n2,1.0,1.15\n3,0.7,1.0\n4,0.5,0.83\n");
    }

    /** Runs model-card on the tiny model; {@code options} replace the defaults below by name. */
    private int run(String... options) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--model", model.toString());
        args.put("--loss-csv", loss.toString());
        args.put("--probe", TestProbe.path().toString());
        args.put("--out", dir.resolve("card").toString());
        args.put("--steps", "2");
        args.put("--samples", "3");
        args.put("--batch", "2");
        args.put("--threads", "1");
        for (int i = 0; i + 1 < options.length; i += 2) {
            args.put(options[i], options[i + 1]);
        }
        List<String> line = new ArrayList<>(List.of("model-card"));
        args.forEach((name, value) -> line.addAll(List.of(name, value)));
        CommandLine cli = SynthFacesCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(line.toArray(new String[0]));
    }

    @Test
    void writesTheFourFilesWithTheSameNumbers() throws IOException {
        assertThat(run()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("batch 1/2: samples 1-2", "batch 2/2: samples 3-3",
                "plausible-face rate ", "wrote samples.png, loss-curve.png, evaluation.json, evaluation.md");
        Path card = dir.resolve("card");

        BufferedImage samples = ImageIO.read(card.resolve("samples.png").toFile());
        assertThat(samples.getWidth()).isEqualTo(3 * 34 + 2); // 3 samples of 32 px, 2 px padding
        assertThat(samples.getHeight()).isEqualTo(34 + 2);
        BufferedImage chart = ImageIO.read(card.resolve("loss-curve.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(LossCurveChart.WIDTH);

        JsonNode json = JsonMapper.builder().build().readTree(card.resolve("evaluation.json").toFile());
        assertThat(json.get("samples").asInt()).isEqualTo(3);
        assertThat(json.get("steps").asInt()).isEqualTo(2);
        assertThat(json.get("seed").asLong()).isZero();
        assertThat(json.get("model_fingerprint").asString()).startsWith("sha256:");
        double rate = json.get("plausible_rate").asDouble();
        assertThat(rate).isBetween(0.0, 1.0);
        assertThat(json.get("wall_time_seconds").asDouble()).isPositive();
        assertThat(json.get("loss").get("training_steps").asLong()).isEqualTo(4);
        assertThat(json.get("reference").get("count").asInt()).isEqualTo(3);
        JsonNode factors = json.get("factors");
        assertThat(factors.size()).isEqualTo(Factor.values().length);
        for (Factor f : Factor.values()) {
            JsonNode row = factors.get(f.id());
            double sum = 0;
            for (JsonNode v : row.get("model")) {
                sum += v.asDouble();
            }
            assertThat(sum).as(f.id()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(row.get("generator").size()).isEqualTo(row.get("model").size());
            assertThat(row.get("tv_distance").asDouble()).isBetween(0.0, 1.0);
        }

        String md = Files.readString(card.resolve("evaluation.md"));
        assertThat(md).startsWith("## Evaluation").contains("| plausible-face rate | "
                + String.format(java.util.Locale.ROOT, "%.4f", rate), "| eye_openness | ", "![training loss](loss-curve.png)",
                "Plausibility rule: a sample is a plausible face when");
    }

    @Test
    void stochasticSamplingIsSeededAndRecorded() throws IOException {
        Path card = dir.resolve("card");
        assertThat(run("--eta", "1")).as(err.toString()).isZero();
        JsonNode first = JsonMapper.builder().build().readTree(card.resolve("evaluation.json").toFile());
        byte[] firstSamples = Files.readAllBytes(card.resolve("samples.png"));
        assertThat(first.get("sampler").get("eta").asDouble()).isEqualTo(1.0);
        assertThat(Files.readString(card.resolve("evaluation.md"))).contains("with stochastic DDIM, 2 steps, eta 1.0");

        assertThat(run("--eta", "1")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(card.resolve("samples.png"))).as("same seed, same samples").isEqualTo(firstSamples);
        assertThat(run("--eta", "0")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(card.resolve("samples.png"))).as("eta changes the samples").isNotEqualTo(firstSamples);
    }

    @Test
    void failsClearlyOnBadInputs() throws IOException {
        assertThat(run("--samples", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--samples must be at least 1, got 0");
        assertThat(run("--eta", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("--eta must be between 0 and 1, got 1.5");

        Path missing = dir.resolve("no-model");
        model = missing;
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).contains("--model " + missing + ": no such model folder");

        tinyModelAndLoss();
        Files.writeString(loss, "step,loss,smoothed\n1,1.3,1.3\n2,1.0\n");
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).contains(loss + " line 3: expected 3 comma-separated values");

        loss = dir.resolve("absent.csv");
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).contains("absent.csv: no such loss file");
        assertThat(dir.resolve("card")).doesNotExist();
    }
}
