package dev.locus.synthfaces.modelcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.probe.FaceBatch;
import dev.locus.synthfaces.probe.ImageCorruptions;
import dev.locus.synthfaces.probe.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleEvaluationTest {

    @Test
    void generatedFacesScoreAsPlausible() {
        SampleEvaluation evaluation = new SampleEvaluation(TestProbe.probe());
        evaluation.add(FaceBatch.render(Seeds.EVALUATION + 7_000, 150).pixels());
        assertThat(evaluation.count()).isEqualTo(150);
        assertThat(evaluation.plausibleRate()).isGreaterThanOrEqualTo(0.9);
        assertThat(evaluation.ruleText()).contains("mean confidence over binary and categorical factors",
                "threshold 0.");
    }

    @Test
    void pureNoiseScoresAsImplausible() {
        SampleEvaluation uniform = new SampleEvaluation(TestProbe.probe());
        uniform.add(ImageCorruptions.uniformNoise(100, 11));
        assertThat(uniform.plausibleRate()).isLessThanOrEqualTo(0.1);

        SampleEvaluation gaussian = new SampleEvaluation(TestProbe.probe());
        gaussian.add(ImageCorruptions.gaussianNoise(100, 12));
        assertThat(gaussian.plausibleRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void aTinyRandomModelRunGivesARateAndFrequenciesThatSumToOne() {
        ModelSampler sampler = ModelSampler.ddim(TestProbe.tinyModel(3), SchedulerConfig.ddpmDefault(), 2);
        SampleEvaluation evaluation = new SampleEvaluation(TestProbe.probe());
        List<ModelSampler.Batch> batches = new ArrayList<>();
        sampler.sample(5, 0, 2, StepListener.NONE, batch -> {
            batches.add(batch);
            evaluation.add(batch.pixels());
        });

        assertThat(batches).extracting(ModelSampler.Batch::first).containsExactly(0, 2, 4);
        assertThat(batches).extracting(ModelSampler.Batch::count).containsExactly(2, 2, 1);
        assertThat(evaluation.count()).isEqualTo(5);
        // an untrained model draws no faces
        assertThat(evaluation.plausibleRate()).isZero();
        for (Factor f : Factor.values()) {
            assertThat(Arrays.stream(evaluation.frequencies().observed(f)).sum()).as(f.id()).isCloseTo(1.0, within(1e-9));
        }
        SampleEvaluation generatorFaces = new SampleEvaluation(TestProbe.probe());
        generatorFaces.add(FaceBatch.render(Seeds.EVALUATION + 9_000, 100).pixels());
        List<FactorComparison> rows = FactorComparison.of(evaluation.frequencies(), generatorFaces.frequencies());
        assertThat(rows).hasSize(Factor.values().length)
                .allSatisfy(r -> assertThat(r.classes()).hasSize(r.model().length))
                // each column from its own source: the model's samples, the generator's faces
                .allSatisfy(r -> assertThat(r.tv()).isEqualTo(evaluation.frequencies().totalVariation(r.factor())))
                .allSatisfy(r -> assertThat(r.referenceTv())
                        .isEqualTo(generatorFaces.frequencies().totalVariation(r.factor())));
        assertThat(FactorComparison.meanTv(rows)).isNotEqualTo(FactorComparison.meanReferenceTv(rows));
    }

    /** Deterministic sampling only: with eta > 0 the steps' noise comes batch after batch from one generator. */
    @Test
    void theSameSeedGivesTheSameDeterministicSamplesWhateverTheBatchSize() {
        ModelSampler sampler = ModelSampler.ddim(TestProbe.tinyModel(3), SchedulerConfig.ddpmDefault(), 2);
        float[] inTwos = collect(sampler, 2);
        float[] inOne = collect(sampler, 4);
        assertThat(inTwos).containsExactly(inOne, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(collect(sampler, 4)).containsExactly(inOne);
    }

    private static float[] collect(ModelSampler sampler, int batchSize) {
        float[] all = new float[4 * SampleEvaluation.PER_IMAGE];
        sampler.sample(4, 42, batchSize, StepListener.NONE, batch -> System.arraycopy(batch.pixels(), 0, all,
                batch.first() * SampleEvaluation.PER_IMAGE, batch.pixels().length));
        return all;
    }
}
