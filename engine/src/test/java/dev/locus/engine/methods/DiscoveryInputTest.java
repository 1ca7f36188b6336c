package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * What a user chose and no basis can come from is refused as {@link InvalidInputException} before any step runs: a
 * rank above the rank of the masked Jacobian used to run for a minute and return a direction with singular value 1e-13.
 */
class DiscoveryInputTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "fixtures", "diffusers", "unet2d-small");
    private static final UNet2DLoader.Loaded MODEL = UNet2DLoader.load(FIXTURE, ComputeDevice.cpu());
    private static final Tensor IMAGE = torch.zeros(1, 3, 16, 16);

    private final AtomicInteger steps = new AtomicInteger();
    private final StepListener counting = (phase, step, total) -> steps.incrementAndGet();

    private Loco loco() {
        return new Loco(MODEL.model(), new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 6, 0),
                MODEL.fingerprint());
    }

    private HSpaceDirections jive() {
        return new HSpaceDirections(MODEL.model(), new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 6, 0),
                MODEL.fingerprint());
    }

    @Test
    void locoRefusesRanksTheMaskCannotHold() {
        Tensor onePixel = PowerMethodGroundTruthTest.rectangle(16, 5, 6, 5, 6);
        assertThatThrownBy(() -> loco().discover(IMAGE, onePixel, new Loco.Options(0.6, 4, 2, true, 4, 4, 1e-4, 2, 0),
                counting))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("rank 4 exceeds the 3 values the mask selects (1 pixels x 3 channels)");

        Tensor allButOne = onePixel.neg().add(new Scalar(1.0));
        assertThatThrownBy(() -> loco().discover(IMAGE, allButOne, new Loco.Options(0.6, 2, 4, true, 4, 4, 1e-4, 2, 0),
                counting))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("null rank 4 exceeds the 3 values outside the mask (1 pixels x 3 channels)");
        assertThatThrownBy(() -> loco().discover(IMAGE, torch.zeros(1, 1, 16, 16),
                new Loco.Options(0.6, 2, 2, true, 4, 4, 1e-4, 2, 0), counting))
                .isInstanceOf(InvalidInputException.class).hasMessage("the mask selects no pixel");
        assertThatThrownBy(() -> loco().discover(IMAGE, torch.zeros(1, 1, 8, 8),
                new Loco.Options(0.6, 2, 2, true, 4, 4, 1e-4, 2, 0), counting))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("mask must be [1, 1, 16, 16]");
        assertThat(steps).hasValue(0);
    }

    @Test
    void hSpaceDirectionsRefuseRanksARegionCannotHold() {
        Tensor onePixel = PowerMethodGroundTruthTest.rectangle(16, 5, 6, 5, 6);
        HSpaceDirections.Options options = new HSpaceDirections.Options(0.6, 4, 2, 2, true, 2, 2, 1e-3, 10, 2, 0);
        assertThatThrownBy(() -> jive().discover(IMAGE, List.of(new HSpaceDirections.Region("dot", onePixel)),
                options, counting))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("rank 4 exceeds the 3 values region 'dot' selects (1 pixels x 3 channels)");

        Tensor half = PowerMethodGroundTruthTest.rectangle(16, 0, 8, 0, 16);
        HSpaceDirections.Options tooManyIndividual = new HSpaceDirections.Options(0.6, 2, 2, 3, true, 2, 2, 1e-3, 10,
                2, 0);
        assertThatThrownBy(() -> jive().discover(IMAGE, List.of(new HSpaceDirections.Region("top", half)),
                tooManyIndividual, counting))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("individual rank 3 exceeds the rank 2 of each region's directions");
        assertThat(steps).hasValue(0);
    }
}
