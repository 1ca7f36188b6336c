package dev.locus.synthfaces.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.io.SafetensorsWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeFileTest {

    @BeforeAll
    static void oneThread() {
        TestThreads.single();
    }

    @TempDir
    Path dir;

    @Test
    void saveAndLoadGiveIdenticalOutputs() {
        FactorProbe probe = FactorProbe.random(3).withPlausibility(new Plausibility(0.875));
        Path file = dir.resolve("probe.safetensors");
        ProbeFile.save(probe, file, Map.of("note", "test"));
        FactorProbe loaded = ProbeFile.load(file);

        assertThat(loaded.plausibility().threshold()).isEqualTo(0.875);
        assertThat(loaded.parameters().keySet()).containsExactlyElementsOf(probe.parameters().keySet());
        assertThat(ProbeFile.metadata(file)).containsEntry("note", "test")
                .containsEntry("input_size", "32").containsEntry("factor_schema", ProbeSchema.version());
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor images = FaceBatch.render(Seeds.EVALUATION, 4).images();
            assertThat(torch.equal(probe.forward(images), loaded.forward(images))).isTrue();
            // And the readings made from them, down to the last bit.
            float[] a = toArray(probe.forward(images));
            float[] b = toArray(loaded.forward(images));
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void refusesWeightsForAnotherSchema() {
        Path file = dir.resolve("other.safetensors");
        FactorProbe probe = FactorProbe.random(1);
        Map<String, String> metadata = new HashMap<>(ProbeFile.identity());
        metadata.put("factor_schema", "eye_openness:continuous");
        SafetensorsWriter.write(file, probe.parameters(), metadata);
        assertThatThrownBy(() -> ProbeFile.load(file)).hasMessageContaining("another factor schema");
    }

    @Test
    void refusesFilesThatAreNotProbes() {
        Path file = dir.resolve("plain.safetensors");
        try (PointerScope scope = new PointerScope()) {
            SafetensorsWriter.write(file, Map.of("x", torch.zeros(2)), Map.of());
        }
        assertThatThrownBy(() -> ProbeFile.load(file)).hasMessageContaining("not a factor probe");
        assertThatThrownBy(() -> ProbeFile.load(dir.resolve("missing.safetensors")))
                .hasMessageContaining("no such probe weights file");
    }

    @Test
    void shippedWeightsAreSmallAndCalibrated() {
        Path shipped = ShippedProbe.path();
        assertThat(shipped.toFile().length()).isLessThan(4L << 20);
        try (SafetensorsFile st = SafetensorsFile.open(shipped)) {
            assertThat(st.metadata()).containsKeys("plausibility_threshold", "steps", "train_seconds");
        }
        assertThat(ShippedProbe.probe().parameterCount()).isLessThan(1_000_000);
    }

    private static float[] toArray(Tensor t) {
        Tensor c = t.contiguous();
        float[] out = new float[(int) c.numel()];
        c.data_ptr_float().get(out);
        return out;
    }
}
