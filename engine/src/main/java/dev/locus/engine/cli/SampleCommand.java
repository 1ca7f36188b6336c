package dev.locus.engine.cli;

import dev.locus.engine.io.Images;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.DdimPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true, description = "DDIM samples from seeded noise, as a PNG grid.")
final class SampleCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    ScheduleOptions schedule;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--count", defaultValue = "16", description = "number of samples (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--columns", description = "grid columns (default: about sqrt(count))")
    Integer columns;

    @Option(names = "--out", required = true, paramLabel = "grid.png")
    Path out;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        UNet2DLoader.Loaded loaded = model.load();
        DdimPipeline pipeline = new DdimPipeline(loaded.model(), schedule.trajectory(loaded.scheduler()));
        Tensor images = pipeline.sample(count, seed, loaded.device().device(), Progress.toStderr());
        int cols = columns != null ? columns : (int) Math.ceil(Math.sqrt(count));
        Images.writeGrid(List.of(images.cpu()), cols, 2, out);
        System.out.println("wrote " + count + " samples to " + out);
        return 0;
    }
}
