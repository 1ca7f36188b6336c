package dev.locus.engine.conformance;

import dev.locus.engine.io.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** The diffusers reference outputs copied from the shared fixtures into test resources. */
final class Fixtures {

    static final Path ROOT = Path.of("src", "test", "resources", "fixtures", "diffusers");
    static final Path UNET2D_SMALL = ROOT.resolve("unet2d-small");
    static final Path DDIM = ROOT.resolve("ddim");

    private Fixtures() {}

    static Map<String, Tensor> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture " + file.toAbsolutePath() + " is missing");
        }
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            return tensors.loadAll(torch.ScalarType.Float);
        }
    }

    /** An integer tensor (timesteps) in its stored dtype. */
    static Tensor readLong(Path file, String name) {
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            return tensors.load(name);
        }
    }

    /** max |a - b| over all elements, in double. */
    static double maxAbsDiff(Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shape " + java.util.Arrays.toString(a.shape()) + " vs "
                    + java.util.Arrays.toString(b.shape()));
        }
        return a.to(torch.ScalarType.Double).sub(b.to(torch.ScalarType.Double)).abs().max().item_double();
    }
}
