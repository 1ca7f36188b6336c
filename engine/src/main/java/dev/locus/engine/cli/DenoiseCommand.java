package dev.locus.engine.cli;

import dev.locus.engine.io.Images;
import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.torch.Randomness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "denoise", mixinStandardHelpOptions = true,
        description = "DDIM-sample an x_t written by 'invert' back to an image, with the schedule it was inverted with.")
final class DenoiseCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--xt", required = true, paramLabel = "xt.safetensors")
    Path xt;

    @Option(names = "--seed", defaultValue = "0", description = "noise seed for stochastic steps (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "out.png")
    Path out;

    @Override
    public Integer call() {
        UNet2DLoader.Loaded loaded = model.load();
        Tensor sample;
        Map<String, String> metadata;
        try (SafetensorsFile file = SafetensorsFile.open(xt)) {
            if (!file.names().contains("x_t") || !file.metadata().containsKey("timestep")) {
                throw new IllegalArgumentException(xt + " is not an x_t written by 'invert' (needs tensor x_t and metadata timestep)");
            }
            sample = file.load("x_t", torch.ScalarType.Float);
            metadata = file.metadata();
        }
        String fingerprint = metadata.get("model_fingerprint");
        if (fingerprint != null && !fingerprint.equals(loaded.fingerprint())) {
            System.err.println("warning: " + xt + " was inverted with another model (" + fingerprint + ")");
        }
        DdimPipeline pipeline = new DdimPipeline(loaded.model(), ScheduleOptions.fromMetadata(metadata, loaded.scheduler()));
        var latent = new DdimPipeline.Latent(sample.to(loaded.device().device(), loaded.device().dtype()),
                Double.parseDouble(metadata.get("timestep")));
        Tensor image = pipeline.denoise(latent, Randomness.generator(seed), Progress.toStderr());
        if (image.size(0) == 1) {
            Images.writeRgb(image.cpu(), out);
        } else {
            Images.writeGrid(List.of(image.cpu()), (int) image.size(0), 2, out);
        }
        System.out.println("wrote " + out);
        return 0;
    }
}
