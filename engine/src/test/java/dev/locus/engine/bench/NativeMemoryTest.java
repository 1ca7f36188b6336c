package dev.locus.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.ProcessMemory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Long-running workers must not grow: 1,000 forward passes leave the process RSS flat. */
class NativeMemoryTest {

    @Test
    void aThousandForwardPassesDoNotGrowResidentMemory() {
        long start = ProcessMemory.residentBytes();
        assumeTrue(start > 0, "needs /proc/self/status");
        UNet2DModel model = UNet2DLoader.load(Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small"),
                ComputeDevice.cpu()).model();
        var cpu = ComputeDevice.cpu().device();
        // Warm up until the JIT, the allocator arenas and the young generation have settled.
        ForwardBenchmark.run(model, cpu, 2, 500, 1);
        long before = ProcessMemory.residentBytes();
        ForwardBenchmark.run(model, cpu, 2, 0, 1000);
        long after = ProcessMemory.residentBytes();
        // One pass allocates about 0.8 MB of activations at batch 2: a leak would add 800 MB. The bound is a
        // fifth of that: the Java heap and malloc arenas alone have grown by up to 57 MB here (CI, 2 cores).
        assertThat(after - before).as("RSS growth in bytes over 1,000 passes").isLessThan(160L << 20);
    }
}
