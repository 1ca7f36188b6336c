package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Randomness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * On the CPU, the same discovery gives the same basis to the bit, however many ran before it in the process: a
 * worker runs discovery after discovery in one JVM, each in its own job scope, with garbage collection and native
 * memory reuse in between.
 */
class DiscoveryDeterminismTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");

    @Test
    void twentyLocoDiscoveriesInARowGiveBitIdenticalBases() {
        UNet2DLoader.Loaded loaded = UNet2DLoader.load(FIXTURE, ComputeDevice.cpu());
        Loco loco = new Loco(loaded.model(), new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 6, 0),
                loaded.fingerprint());
        Tensor image = Randomness.randn(Randomness.generator(3), 1, 3, 16, 16)
                .clamp(new ScalarOptional(new Scalar(-1)), new ScalarOptional(new Scalar(1)));
        Tensor mask = PowerMethodGroundTruthTest.rectangle(16, 4, 8, 3, 13);
        Loco.Options options = new Loco.Options(0.6, 2, 3, true, 4, 4, 1e-4, 2, 0);

        List<String> hashes = new ArrayList<>();
        for (int run = 0; run < 20; run++) {
            try (PointerScope job = new PointerScope()) {
                DirectionBasis basis = loco.discover(image, mask, options, StepListener.NONE);
                hashes.add(TensorHash.sha256(basis.vectors()) + " " + TensorHash.sha256(basis.nullBasis())
                        + " " + TensorHash.sha256(basis.singularValues()));
            }
            System.gc(); // let the collector free what the previous job's scope did not own
        }
        assertThat(hashes).hasSize(20).containsOnly(hashes.get(0));
    }
}
