package dev.locus.engine.cli;

import dev.locus.engine.io.Images;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.EditPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply directions to an image. Several --direction options compose into one edit;",
                "--strengths sweeps the strength of the first direction (one batched sampling pass).",
                "Writes DIR/strength_<s>.png for each strength and DIR/grid.png."})
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    ScheduleOptions schedule;

    @Option(names = "--image", required = true, paramLabel = "face.png")
    Path image;

    @Option(names = "--direction", required = true, paramLabel = "basis.safetensors[:INDEX][@STRENGTH]",
            description = "a direction: vector INDEX (default 0) of the basis, at STRENGTH (default 1, or the sweep)")
    List<String> directions;

    @Option(names = "--strengths", split = ",", paramLabel = "-8,0,8",
            description = "strengths to sweep for the first direction (default: its @STRENGTH)")
    List<Double> strengths;

    @Option(names = "--seed", defaultValue = "0", description = "noise seed for stochastic steps")
    long seed;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        UNet2DLoader.Loaded loaded = model.load();
        Tensor x0 = ImageInput.read(image, loaded);
        List<EditPipeline.Term> terms = new ArrayList<>();
        Map<Path, DirectionBasis> bases = new HashMap<>();
        for (String spec : directions) {
            terms.add(DirectionSpec.parse(spec, bases));
        }
        List<Double> sweep = strengths != null ? strengths : List.of(terms.get(0).strength());
        List<List<EditPipeline.Term>> rows = EditPipeline.sweepFirst(terms, sweep);
        long start = System.nanoTime();
        Tensor edited = new EditPipeline(loaded.model(), loaded.fingerprint(), schedule.trajectory(loaded.scheduler()))
                .apply(x0, rows, seed, Progress.toStderr()).cpu();
        Files.createDirectories(outDir);
        for (int i = 0; i < sweep.size(); i++) {
            Images.writeRgb(edited.select(0, i), outDir.resolve("strength_" + format(sweep.get(i)) + ".png"));
        }
        Images.writeGrid(List.of(edited), sweep.size(), 2, outDir.resolve("grid.png"));
        System.out.printf("wrote %d edits to %s in %.1f s%n", sweep.size(), outDir, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static String format(double strength) {
        return strength == Math.rint(strength) ? Long.toString((long) strength) : Double.toString(strength);
    }
}
