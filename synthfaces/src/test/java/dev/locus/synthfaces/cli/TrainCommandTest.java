package dev.locus.synthfaces.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.torch.ComputeDevice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    private StringWriter err = new StringWriter();
    private StringWriter out = new StringWriter();

    /**
     * Trains a UNet of a few thousand parameters (the point is the plumbing, not the model);
     * {@code options} replace the defaults below by name, and flags are added.
     */
    private int train(String... options) {
        Map<String, String> args = new LinkedHashMap<>();
        String[] defaults = {"--out", dir.resolve("model").toString(), "--channels", "8,16", "--norm-groups", "4",
                "--attention-levels", "1", "--batch", "2", "--checkpoint-every", "2", "--log-every", "2",
                "--threads", "1", "--warmup", "2"};
        for (int i = 0; i < defaults.length; i += 2) {
            args.put(defaults[i], defaults[i + 1]);
        }
        for (int i = 0; i < options.length; i++) {
            boolean flag = i + 1 == options.length || options[i + 1].startsWith("--");
            args.put(options[i], flag ? null : options[++i]);
        }
        List<String> line = new ArrayList<>(List.of("train"));
        args.forEach((name, value) -> {
            line.add(name);
            if (value != null) {
                line.add(value);
            }
        });
        err = new StringWriter();
        out = new StringWriter();
        CommandLine cli = SynthFacesCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(line.toArray(new String[0]));
    }

    @Test
    void trainsExportsAndResumes() throws IOException {
        assertThat(train("--steps", "4")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("step 2/4 loss ", "step 4/4 loss ", " steps/s lr ");
        Path model = dir.resolve("model");
        Path work = dir.resolve("model-work");
        assertThat(model.resolve("config.json")).isRegularFile();
        assertThat(model.resolve("scheduler_config.json")).isRegularFile();
        assertThat(UNet2DLoader.load(model, ComputeDevice.cpu()).model().config().blockOutChannels())
                .containsExactly(8, 16);
        assertThat(checkpoints(work)).containsExactly("checkpoint-00000002.safetensors", "checkpoint-00000004.safetensors");
        assertThat(Files.readAllLines(work.resolve("loss.csv"))).hasSize(5).first().isEqualTo("step,loss,smoothed");

        assertThat(train("--steps", "6")).isEqualTo(2);
        assertThat(err.toString()).contains("already holds checkpoint-00000004.safetensors", "--resume");

        assertThat(train("--steps", "6", "--channels", "8,24", "--resume")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot resume", "blockOutChannels [8, 24] (the checkpoint has [8, 16])");

        assertThat(train("--steps", "6", "--resume")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("resuming from", "at step 4", "step 6/6");
        assertThat(checkpoints(work)).containsExactly("checkpoint-00000004.safetensors", "checkpoint-00000006.safetensors");
        List<String> csv = Files.readAllLines(work.resolve("loss.csv"));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(6)).startsWith("6,");
    }

    @Test
    void fineTunesAFinishedRunFromItsLastCheckpoint() throws IOException {
        assertThat(train("--steps", "4", "--cooldown", "2")).as(err.toString()).isZero();
        Path finished = dir.resolve("model-work").resolve("checkpoint-00000004.safetensors");

        // Resume cannot restart a decayed rate; a warm start can.
        assertThat(train("--steps", "8", "--cooldown", "2", "--resume")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot resume");

        Path tunedWork = dir.resolve("tuned-work");
        assertThat(train("--out", dir.resolve("tuned").toString(), "--work", tunedWork.toString(), "--init-from",
                finished.toString(), "--steps", "4", "--seed", "1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("starting from the weights of", "(step 4)", "step 4/4");
        assertThat(checkpoints(tunedWork)).containsExactly("checkpoint-00000002.safetensors",
                "checkpoint-00000004.safetensors");

        assertThat(train("--out", dir.resolve("wide").toString(), "--init-from", finished.toString(),
                "--channels", "8,24")).isEqualTo(2);
        assertThat(err.toString()).contains("--init-from", "another architecture",
                "blockOutChannels [8, 24] (the checkpoint has [8, 16])");
    }

    @Test
    void fineTunesAReleasedModelFolder() {
        assertThat(train("--steps", "2")).as(err.toString()).isZero();
        Path released = dir.resolve("model");
        Map<String, Float> before = firstValues(released);

        Path tuned = dir.resolve("tuned");
        assertThat(train("--out", tuned.toString(), "--init-from", released.toString(), "--steps", "2",
                "--warmup", "0", "--lr", "1e-3", "--seed", "1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("fine-tuning the released model", "step 2/2");
        // the export is the EMA, which starts at the released weights and moves only a little in two steps
        Map<String, Float> after = firstValues(tuned);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after).isNotEqualTo(before);
        after.forEach((name, v) -> assertThat(v).as(name).isCloseTo(before.get(name), within(1e-2f)));

        assertThat(train("--out", dir.resolve("wide").toString(), "--init-from", released.toString(),
                "--channels", "8,24")).isEqualTo(2);
        assertThat(err.toString()).contains("--init-from", "another architecture",
                "blockOutChannels [8, 24] (the released model has [8, 16])");
    }

    private static Map<String, Float> firstValues(Path model) {
        Map<String, Float> values = new TreeMap<>();
        UNet2DLoader.load(model, ComputeDevice.cpu()).model().parameters()
                .forEach((name, t) -> values.put(name, t.reshape(-1).select(0, 0).item_float()));
        return values;
    }

    @Test
    void benchmarkTimesStepsAndWritesNothing() {
        assertThat(train("--benchmark", "1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("parameters", "ms min");
        assertThat(dir.resolve("model")).doesNotExist();
    }

    @Test
    void badShapesAreUsageErrors() {
        assertThat(train("--norm-groups", "3")).isEqualTo(2);
        assertThat(err.toString()).startsWith("synthfaces: --norm-groups 3 does not divide 8");
        assertThat(train("--size", "48")).isEqualTo(2);
    }

    private static List<String> checkpoints(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")).sorted().toList();
        }
    }
}
