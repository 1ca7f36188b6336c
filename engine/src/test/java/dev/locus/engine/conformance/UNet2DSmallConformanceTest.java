package dev.locus.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.models.ModelLoadException;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.torch.ComputeDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * unet2d-small against diffusers 0.31: eps (5e-5), h_mid (1e-4) and every module output,
 * from the current and the legacy (query/key/value/proj_attn) weight files.
 */
class UNet2DSmallConformanceTest {

    private static final double EPS_TOLERANCE = 5e-5;
    private static final double H_MID_TOLERANCE = 1e-4;
    /** Intermediates: the h_mid tolerance scaled by each module's magnitude (manifest advice). */
    private static final double RELATIVE_INTERMEDIATE_TOLERANCE = 1e-4 / 7.25;

    private static Map<String, Tensor> inputs;
    private static Map<String, Tensor> outputs;
    private static Map<String, Tensor> intermediates;

    @TempDir
    static Path temp;

    @BeforeAll
    static void readFixtures() {
        inputs = Fixtures.read(Fixtures.UNET2D_SMALL.resolve("inputs.safetensors"));
        outputs = Fixtures.read(Fixtures.UNET2D_SMALL.resolve("outputs.safetensors"));
        intermediates = Fixtures.read(Fixtures.UNET2D_SMALL.resolve("intermediates.safetensors"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.legacy.safetensors"})
    void epsAndHMidMatchDiffusers(String weights) throws IOException {
        UNet2DModel model = load(weights);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            UNet2DModel.Output out = model.forward(inputs.get("x"), timesteps(), null);
            assertThat(Fixtures.maxAbsDiff(out.eps(), outputs.get("eps"))).isLessThan(EPS_TOLERANCE);
            assertThat(Fixtures.maxAbsDiff(out.hMid(), outputs.get("h_mid"))).isLessThan(H_MID_TOLERANCE);
        }
    }

    /** Workers cache a model first loaded inside a job's scope: closing that scope must leave it whole. */
    @Test
    void aModelLoadedInsideAClosedScopeStillMatchesDiffusers() throws IOException {
        UNet2DModel model;
        try (PointerScope jobScope = new PointerScope()) {
            model = load("diffusion_pytorch_model.safetensors");
        }
        System.gc();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            UNet2DModel.Output out = model.forward(inputs.get("x"), timesteps(), null);
            assertThat(Fixtures.maxAbsDiff(out.eps(), outputs.get("eps"))).isLessThan(EPS_TOLERANCE);
        }
    }

    @Test
    void everyModuleOutputMatchesDiffusers() throws IOException {
        UNet2DModel model = load("diffusion_pytorch_model.safetensors");
        Map<String, Double> errors = new LinkedHashMap<>();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            UNet2DModel.Encoded encoded = model.encode(inputs.get("x"), timesteps(),
                    (module, output) -> errors.put(module, relativeError(module, output)));
            model.decode(encoded, encoded.h(), (module, output) -> errors.put(module, relativeError(module, output)));
        }
        assertThat(errors.keySet()).containsAll(intermediates.keySet());
        errors.forEach((module, error) ->
                assertThat(error).as(module).isLessThan(RELATIVE_INTERMEDIATE_TOLERANCE));
    }

    @Test
    void floatTimestepsGiveTheSameOutputAsIntegerOnes() throws IOException {
        UNet2DModel model = load("diffusion_pytorch_model.safetensors");
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor eps = model.predictNoise(inputs.get("x"), timesteps().to(org.bytedeco.pytorch.global.torch.ScalarType.Float));
            assertThat(Fixtures.maxAbsDiff(eps, outputs.get("eps"))).isLessThan(EPS_TOLERANCE);
        }
    }

    @Test
    void batchElementsAreIndependent() throws IOException {
        UNet2DModel model = load("diffusion_pytorch_model.safetensors");
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor second = inputs.get("x").narrow(0, 1, 1);
            Tensor eps = model.predictNoise(second, timesteps().narrow(0, 1, 1));
            assertThat(Fixtures.maxAbsDiff(eps, outputs.get("eps").narrow(0, 1, 1))).isLessThan(EPS_TOLERANCE);
        }
    }

    @Test
    void aMissingTensorFailsLoadingWithItsName() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("truncated"));
        Files.copy(Fixtures.UNET2D_SMALL.resolve("config.json"), folder.resolve("config.json"));
        Map<String, Tensor> weights = new LinkedHashMap<>(
                Fixtures.read(Fixtures.UNET2D_SMALL.resolve("diffusion_pytorch_model.safetensors")));
        weights.remove("mid_block.attentions.0.to_k.weight");
        dev.locus.engine.io.SafetensorsWriter.write(folder.resolve(UNet2DLoader.WEIGHTS), weights, Map.of());
        assertThatThrownBy(() -> UNet2DLoader.load(folder, ComputeDevice.cpu()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("mid_block.attentions.0.to_k.weight");
    }

    @Test
    void theFingerprintIgnoresLegacyNamingButNotTheNumbers() throws IOException {
        String current = UNet2DLoader.load(folderWith("diffusion_pytorch_model.safetensors"), ComputeDevice.cpu()).fingerprint();
        String legacy = UNet2DLoader.load(folderWith("diffusion_pytorch_model.legacy.safetensors"), ComputeDevice.cpu()).fingerprint();
        assertThat(current).startsWith("sha256:").isEqualTo(legacy);

        Path changed = Files.createDirectories(temp.resolve("changed"));
        Files.copy(Fixtures.UNET2D_SMALL.resolve("config.json"), changed.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, Tensor> weights = new LinkedHashMap<>(
                Fixtures.read(Fixtures.UNET2D_SMALL.resolve("diffusion_pytorch_model.safetensors")));
        weights.put("conv_out.bias", weights.get("conv_out.bias").add(new org.bytedeco.pytorch.Scalar(1e-3)));
        dev.locus.engine.io.SafetensorsWriter.write(changed.resolve(UNet2DLoader.WEIGHTS), weights, Map.of());
        assertThat(UNet2DLoader.load(changed, ComputeDevice.cpu()).fingerprint()).isNotEqualTo(current);
    }

    private static Tensor timesteps() {
        return Fixtures.readLong(Fixtures.UNET2D_SMALL.resolve("inputs.safetensors"), "timesteps");
    }

    private static double relativeError(String module, Tensor output) {
        Tensor reference = intermediates.get(module);
        if (reference == null) {
            return 0;
        }
        double scale = Math.max(1.0, reference.abs().max().item_double());
        return Fixtures.maxAbsDiff(output, reference) / scale;
    }

    private static UNet2DModel load(String weights) throws IOException {
        return UNet2DLoader.load(folderWith(weights), ComputeDevice.cpu()).model();
    }

    private static Path folderWith(String weights) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(weights.replace('.', '_')));
        Files.copy(Fixtures.UNET2D_SMALL.resolve("config.json"), folder.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Fixtures.UNET2D_SMALL.resolve(weights), folder.resolve(UNet2DLoader.WEIGHTS), StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }
}
