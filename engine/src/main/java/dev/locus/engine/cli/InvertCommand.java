package dev.locus.engine.cli;

import dev.locus.engine.io.SafetensorsWriter;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.DdimPipeline;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "invert", mixinStandardHelpOptions = true,
        description = "DDIM-invert an image to noise level t (a fraction of T); writes x_t with its level and schedule.")
final class InvertCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    ScheduleOptions schedule;

    @Option(names = "--image", required = true, paramLabel = "in.png")
    Path image;

    @Option(names = "--t", required = true, description = "noise level as a fraction of T, in (0, 1]: the schedule's step nearest t x T")
    double t;

    @Option(names = "--out", required = true, paramLabel = "xt.safetensors")
    Path out;

    @Override
    public Integer call() {
        ImageInput.timestepFraction(t);
        UNet2DLoader.Loaded loaded = model.load();
        Tensor x0 = ImageInput.read(image, loaded);
        DdimPipeline pipeline = new DdimPipeline(loaded.model(), schedule.trajectory(loaded.scheduler()));
        DdimPipeline.Latent latent = pipeline.invert(x0, pipeline.trajectory().levelNearest(t), Progress.toStderr());

        Map<String, String> metadata = new HashMap<>(schedule.describe());
        metadata.put("timestep", Double.toString(latent.timestep()));
        metadata.put("model_fingerprint", loaded.fingerprint());
        metadata.put("source_image", image.getFileName().toString());
        SafetensorsWriter.write(out, Map.of("x_t", latent.sample().to(torch.ScalarType.Float).cpu()), metadata);
        System.out.println("wrote x_t at timestep " + latent.timestep() + " to " + out);
        return 0;
    }
}
