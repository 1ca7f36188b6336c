package dev.locus.engine.cli;

import dev.locus.engine.methods.jacobian.MemoryBudget;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.torch.ComputeDevice;
import java.nio.file.Path;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Option;

/** --model, --device, --dtype, --threads: shared by every command that loads a model. */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "diffusers model folder (config.json + diffusion_pytorch_model.safetensors)")
    Path model;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32; float16 or bfloat16 on CUDA (default: ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--threads", description = "CPU threads for libtorch (default: libtorch's choice)")
    Integer threads;

    @Option(names = "--memory-budget", paramLabel = "SIZE",
            description = "most memory one batched Jacobian product may add, e.g. 8g (default: half the memory available)")
    String memoryBudget;

    UNet2DLoader.Loaded load() {
        applyThreads(threads);
        applyMemoryBudget(memoryBudget);
        return UNet2DLoader.load(model, ComputeDevice.of(device, dtype));
    }

    static void applyMemoryBudget(String size) {
        if (size != null) {
            MemoryBudget.setProcessDefault(MemoryBudget.parse(size));
        }
    }

    static void applyThreads(Integer threads) {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
            torch.set_num_threads(threads);
        }
    }
}
