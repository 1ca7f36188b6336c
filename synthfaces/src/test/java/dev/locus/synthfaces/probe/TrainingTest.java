package dev.locus.synthfaces.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.synthfaces.Factor;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training machinery on a tiny budget: gradients reach every parameter and a checkpoint resumes exactly. */
class TrainingTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void oneThread() {
        TestThreads.single();
    }

    private static double step(FactorProbe probe, TensorAdamW optimizer, TrainingBatch batch, double lr) {
        try (PointerScope scope = new PointerScope()) {
            ProbeLoss.Terms loss = ProbeLoss.of(probe.forward(batch.images()), batch.faces().factors());
            loss.total().backward();
            optimizer.step(lr);
            return loss.total().item_double();
        }
    }

    @Test
    void lossFallsOnARepeatedBatch() {
        FactorProbe probe = FactorProbe.random(11);
        TensorAdamW optimizer = new TensorAdamW(probe.parameters(), 0.01);
        TrainingBatch batch = TrainingBatch.forStep(0, 4, 1, 0.25);
        double first = step(probe, optimizer, batch, 2e-3);
        double last = first;
        for (int i = 0; i < 7; i++) {
            last = step(probe, optimizer, batch, 2e-3);
        }
        assertThat(last).isLessThan(0.7 * first);
    }

    @Test
    void outlierLossIsLowestForUniformPredictions() {
        try (PointerScope scope = new PointerScope()) {
            Tensor uniform = torch.zeros(3, ProbeSchema.width());
            float[] sure = new float[3 * ProbeSchema.width()];
            for (int row = 0; row < 3; row++) {
                sure[row * ProbeSchema.width() + ProbeSchema.slot(Factor.HAIR_COLOUR).offset()] = 8f;
            }
            Tensor confident = Tensor.create(sure, 3, ProbeSchema.width());
            assertThat(ProbeLoss.uniformTarget(uniform).item_double())
                    .isLessThan(ProbeLoss.uniformTarget(confident).item_double());
        }
    }

    @Test
    void aCheckpointResumesWithTheSameWeightsAndMoments() {
        FactorProbe probe = FactorProbe.random(12);
        TensorAdamW optimizer = new TensorAdamW(probe.parameters(), 0.01);
        step(probe, optimizer, TrainingBatch.forStep(0, 4, 1, 0.25), 1e-3);
        Path file = dir.resolve("checkpoint.safetensors");
        ProbeCheckpoint.save(file, probe, optimizer, Map.of("note", "x"));

        ProbeCheckpoint loaded = ProbeCheckpoint.load(file);
        TensorAdamW resumed = new TensorAdamW(loaded.probe().parameters(), 0.01);
        resumed.restore(loaded.optimizerState(), loaded.step());
        assertThat(loaded.step()).isEqualTo(1);
        assertThat(loaded.metadata()).containsEntry("note", "x");

        // One more identical step on each must land on identical weights.
        TrainingBatch next = TrainingBatch.forStep(1, 4, 1, 0.25);
        step(probe, optimizer, next, 1e-3);
        step(loaded.probe(), resumed, next, 1e-3);
        probe.parameters().forEach((name, t) ->
                assertThat(torch.equal(t, loaded.probe().parameters().get(name))).as(name).isTrue());
    }

    @Test
    void learningRateWarmsUpThenDecays() {
        LearningRate lr = new LearningRate(1e-3, 10, 100);
        assertThat(lr.at(0)).isEqualTo(1e-4);
        assertThat(lr.at(9)).isEqualTo(1e-3);
        assertThat(lr.at(55)).isBetween(4e-4, 6e-4);
        assertThat(lr.at(100)).isEqualTo(1e-3 * LearningRate.FLOOR);
    }

    @Test
    void trainingSeedsStayBelowTheHeldOutOnes() {
        assertThat(Seeds.trainingBatch(10, 32)).isEqualTo(320);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Seeds.trainingBatch(Seeds.EVALUATION / 32, 32))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
