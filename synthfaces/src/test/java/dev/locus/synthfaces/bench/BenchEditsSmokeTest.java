package dev.locus.synthfaces.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.models.RandomParameters;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.training.DiffusersExport;
import dev.locus.synthfaces.cli.SynthFacesCli;
import dev.locus.synthfaces.train.UNetShape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bench-edits --smoke end to end on a tiny random 32x32 UNet: plumbing, files and marked non-finite values. */
class BenchEditsSmokeTest {

    @TempDir
    Path dir;

    @Test
    void theSmokeRunWritesEveryFileWithFiniteOrMarkedNumbers() throws IOException {
        torch.set_num_threads(1);
        UNet2DModel model = new UNet2DModel(new UNetShape(32, List.of(8, 16), 1, Set.of(), false, 4, null).toConfig(),
                new RandomParameters(3));
        Path modelDir = dir.resolve("model");
        DiffusersExport.write(modelDir, model.config(), model.parameters(), SchedulerConfig.ddpmDefault());
        Path out = dir.resolve("bench");
        StringWriter log = new StringWriter();
        CommandLine cli = SynthFacesCli.commandLine();
        cli.setOut(new PrintWriter(log, true));
        cli.setErr(new PrintWriter(log, true));

        int code = cli.execute("bench-edits", "--model", modelDir.toString(), "--probe", probe().toString(),
                "--out", out.toString(), "--smoke", "--steps", "4", "--threads", "1");

        assertThat(code).as(log.toString()).isZero();
        for (String file : List.of(BenchReport.EDITS, BenchReport.DIRECTIONS, BenchReport.SUMMARY, BenchReport.MARKDOWN,
                "figure-eyes.png", "figure-loco.png", "figure-loco-no-null.png", "figure-loco-eps.png", "figure-jive.png",
                "figure-haas.png")) {
            assertThat(out.resolve(file)).as(file).isNotEmptyFile();
        }
        List<String> edits = Files.readAllLines(out.resolve(BenchReport.EDITS));
        assertThat(edits).hasSize(1 + 5 * 4); // 5 methods x (2 source + 2 transfer edits)
        List<String> summary = Files.readAllLines(out.resolve(BenchReport.SUMMARY));
        assertThat(summary).hasSize(1 + 5);
        for (List<String> table : List.of(edits, summary, Files.readAllLines(out.resolve(BenchReport.DIRECTIONS)))) {
            int columns = table.get(0).split(",").length;
            for (String line : table.subList(1, table.size())) {
                String[] cells = line.split(",", -1);
                assertThat(cells).as(line).hasSize(columns);
                for (String cell : cells) {
                    assertThat(cell).as(line).isNotEmpty();
                    if (looksNumeric(cell)) {
                        assertThat(Double.isFinite(Double.parseDouble(cell)) || isMarked(cell)).as(cell).isTrue();
                    }
                }
            }
        }
        String report = Files.readString(out.resolve(BenchReport.MARKDOWN));
        assertThat(report).contains("bench-edits", "--smoke", "LPIPS is left out", "## Targets", "## Beside the papers",
                "| loco | eyes |", "## Transfer success by region overlap");
    }

    private static boolean looksNumeric(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isMarked(String cell) {
        return cell.equals("inf") || cell.equals("-inf") || cell.equals("nan") || cell.equals("NA");
    }

    private static Path probe() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("models/synthfaces-probe/probe.safetensors");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shipped probe was not found");
    }
}
