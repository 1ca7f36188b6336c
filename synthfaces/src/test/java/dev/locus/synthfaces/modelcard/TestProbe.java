package dev.locus.synthfaces.modelcard;

import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.models.RandomParameters;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.ProbeFile;
import dev.locus.synthfaces.train.UNetShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bytedeco.pytorch.global.torch;

/** The shipped probe (found from the module or the repository root) and a tiny random 32x32 UNet, for tests. */
final class TestProbe {

    static final String RELATIVE = "models/synthfaces-probe/probe.safetensors";

    private static FactorProbe loaded;

    private TestProbe() {}

    static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(RELATIVE + " not found above " + Path.of("").toAbsolutePath());
    }

    static synchronized FactorProbe probe() {
        if (loaded == null) {
            torch.set_num_threads(1);
            loaded = ProbeFile.load(path());
        }
        return loaded;
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
