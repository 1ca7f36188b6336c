package dev.locus.synthfaces.modelcard;

import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.models.RandomParameters;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.ShippedProbe;
import dev.locus.synthfaces.train.UNetShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bytedeco.pytorch.global.torch;

/** The shipped probe and a tiny random 32x32 UNet, for tests. */
final class TestProbe {

    private TestProbe() {}

    static Path path() {
        return ShippedProbe.path();
    }

    static FactorProbe probe() {
        return ShippedProbe.probe();
    }

    /** A UNet of a few thousand random parameters making 3x32x32 samples: plumbing, not pictures. */
    static UNetShape tinyShape() {
        return new UNetShape(32, List.of(8, 16), 1, Set.of(), false, 4, null);
    }

    static UNet2DModel tinyModel(long seed) {
        torch.set_num_threads(1);
        return new UNet2DModel(tinyShape().toConfig(), new RandomParameters(seed));
    }
}
