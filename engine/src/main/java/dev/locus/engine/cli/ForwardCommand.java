package dev.locus.engine.cli;

import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.io.SafetensorsWriter;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "One UNet forward pass: reads x (F32 [B,C,H,W]) and timesteps (I64 [B]), writes eps and h_mid (F32).")
final class ForwardCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--input", required = true, paramLabel = "IN.safetensors")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.safetensors")
    Path output;

    @Override
    public Integer call() {
        UNet2DLoader.Loaded loaded = model.load();
        Tensor x;
        Tensor timesteps;
        try (SafetensorsFile file = SafetensorsFile.open(input)) {
            for (String name : new String[] {"x", "timesteps"}) {
                if (!file.names().contains(name)) {
                    throw new IllegalArgumentException(input + " has no tensor '" + name + "' (found " + file.names() + ")");
                }
            }
            x = file.load("x", torch.ScalarType.Float);
            timesteps = file.load("timesteps");
        }
        long[] expected = loaded.model().sampleShape();
        long[] shape = x.shape();
        if (shape.length != 4 || shape[1] != expected[0]) {
            throw new IllegalArgumentException("x must be [B," + expected[0] + ",H,W], got " + Arrays.toString(shape));
        }
        if (timesteps.dim() != 1 || timesteps.size(0) != shape[0]) {
            throw new IllegalArgumentException("timesteps must be [" + shape[0] + "], got " + Arrays.toString(timesteps.shape()));
        }
        try (NoGradGuard noGrad = new NoGradGuard()) {
            var device = loaded.device();
            UNet2DModel.Output out = loaded.model().forward(x.to(device.device(), device.dtype()),
                    timesteps.to(device.device(), timesteps.scalar_type()), null);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("eps", out.eps().to(torch.ScalarType.Float).cpu());
            tensors.put("h_mid", out.hMid().to(torch.ScalarType.Float).cpu());
            SafetensorsWriter.write(output, tensors, Map.of("model_fingerprint", loaded.fingerprint()));
        }
        System.out.println("wrote eps " + Arrays.toString(shape) + " and h_mid to " + output);
        return 0;
    }
}
