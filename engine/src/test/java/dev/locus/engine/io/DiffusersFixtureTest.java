package dev.locus.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/** Files written in Python by the reference fixture generator (see manifest.json next to them). */
class DiffusersFixtureTest {

    private static final String FOLDER = "/fixtures/diffusers/unet2d-small/";

    @Test
    void opensTheUnetWeights() {
        try (SafetensorsFile weights = SafetensorsFile.open(fixture("diffusion_pytorch_model.safetensors"))) {
            assertThat(weights.names()).hasSize(268);
            long parameters = weights.names().stream().mapToLong(name -> weights.info(name).numel()).sum();
            assertThat(parameters).isEqualTo(409219);
            for (String name : weights.names()) {
                assertThat(weights.info(name).dtype()).as(name).isEqualTo(SafetensorsDType.F32);
            }
        }
    }

    @Test
    void loadsTheModelInputs() {
        try (SafetensorsFile inputs = SafetensorsFile.open(fixture("inputs.safetensors"));
                Tensor x = inputs.load("x", ScalarType.Float);
                Tensor timesteps = inputs.load("timesteps", ScalarType.Float)) {
            assertThat(inputs.info("x").dtype()).isEqualTo(SafetensorsDType.F32);
            assertThat(x.shape()).containsExactly(2, 3, 16, 16);
            // randn samples: finite, roughly unit variance.
            float[] values = TensorTestUtil.floats(x);
            double sumSquares = 0;
            for (float value : values) {
                assertThat(Float.isFinite(value)).isTrue();
                sumSquares += value * value;
            }
            assertThat(sumSquares / values.length).isBetween(0.7, 1.3);

            assertThat(timesteps.scalar_type().intern()).isEqualTo(ScalarType.Long);
            assertThat(timesteps.shape()).containsExactly(2);
            assertThat(timesteps.get(0).item_long()).isEqualTo(10L);
            assertThat(timesteps.get(1).item_long()).isEqualTo(637L);
        }
    }

    private static Path fixture(String name) {
        try {
            return Path.of(DiffusersFixtureTest.class.getResource(FOLDER + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
