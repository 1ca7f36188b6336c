package dev.locus.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void warmUpRisesLinearlyThenHolds() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 100, LearningRateSchedule.Shape.CONSTANT);
        assertThat(s.at(0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.at(4)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.at(9)).isEqualTo(1e-3);
        assertThat(s.at(99)).isEqualTo(1e-3);
    }

    @Test
    void cosineDecaysToZeroAtTheLastStep() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, LearningRateSchedule.Shape.COSINE);
        assertThat(s.at(10)).isEqualTo(1e-3);
        assertThat(s.at(60)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.at(110)).isCloseTo(0, within(1e-12));
    }

    @Test
    void emaDecayWarmsUpToItsCeiling() {
        assertThat(EmaWeights.emaDecay(0.999, 0)).isCloseTo(0.1, within(1e-12));
        assertThat(EmaWeights.emaDecay(0.999, 90)).isCloseTo(0.91, within(1e-12));
        assertThat(EmaWeights.emaDecay(0.999, 1_000_000)).isEqualTo(0.999);
    }

    @Test
    void aCooldownDecaysLinearlyToZeroOverTheLastSteps() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, LearningRateSchedule.Shape.CONSTANT, 40);
        assertThat(s.at(69)).isEqualTo(1e-3);
        assertThat(s.at(70)).isEqualTo(1e-3);
        assertThat(s.at(90)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.at(109)).isCloseTo(2.5e-5, within(1e-12));
        assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 10, 110, LearningRateSchedule.Shape.COSINE, 40))
                .hasMessageContaining("a cool-down follows a constant rate");
        assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 10, 110, LearningRateSchedule.Shape.CONSTANT, 101))
                .hasMessageContaining("cool-down must be between 0 and the steps after warm-up (100), got 101");
    }

    @Test
    void trainingConfigSurvivesJson() {
        TrainingConfig config = new TrainingConfig(20000, 64, 2e-4, 500, LearningRateSchedule.Shape.COSINE, 0, 0.01,
                1.0, 0.9995, 42);
        assertThat(TrainingConfig.fromJson(config.toJson())).isEqualTo(config);
        String beforeCooldowns = config.toJson().replaceAll("\\s*\"cooldown_steps\" : 0,", "");
        assertThat(beforeCooldowns).doesNotContain("cooldown");
        assertThat(TrainingConfig.fromJson(beforeCooldowns)).isEqualTo(config);
    }

    @Test
    void resumingMayChangeTheScheduleOnlyAheadOfTheCheckpoint() {
        TrainingConfig constant = new TrainingConfig(8000, 32, 5e-4, 200, LearningRateSchedule.Shape.CONSTANT, 0, 0,
                1.0, 0.999, 0);
        TrainingConfig longerWithCooldown = new TrainingConfig(12000, 32, 5e-4, 200,
                LearningRateSchedule.Shape.CONSTANT, 3000, 0, 1.0, 0.999, 0);
        assertThat(longerWithCooldown.differencesFrom(constant, 7750)).isEmpty();
        assertThat(longerWithCooldown.differencesFrom(constant, 9001)).isEmpty();
        assertThat(longerWithCooldown.differencesFrom(constant, 9002))
                .containsExactly("learning rate 0.0004998 at step 9001, which the checkpoint already took at"
                        + " 0.0005000 (the checkpoint is at step 9002; a new schedule may differ only from there on)");
        TrainingConfig cosine = new TrainingConfig(20000, 32, 5e-4, 200, LearningRateSchedule.Shape.COSINE, 0, 0,
                1.0, 0.999, 0);
        assertThat(cosine.withTotalSteps(30000).differencesFrom(cosine, 1000)).singleElement().asString()
                .startsWith("learning rate ").endsWith("(the checkpoint is at step 1000; a new schedule may differ only from there on)");
        assertThat(cosine.withTotalSteps(30000).differencesFrom(cosine, 200)).isEmpty();
    }

    @Test
    void theSmoothedLossIsADebiasedAverage() {
        LossHistory h = new LossHistory();
        h.add(1.0);
        assertThat(h.smoothed()).isCloseTo(1.0, within(1e-9));
        for (int i = 0; i < 2000; i++) {
            h.add(0.5);
        }
        assertThat(h.smoothed()).isCloseTo(0.5, within(1e-6));
        assertThat(LossHistory.fromTensor(h.toTensor()).smoothed()).isEqualTo(h.smoothed());
    }

    @Test
    void progressLinesReadLikeTheLog() {
        assertThat(new TrainingProgress(1200, 20000, 0.04123, 0.04371, 3.14, 2e-4, 0.5).line())
                .isEqualTo("step 1200/20000 loss 0.0412 (avg 0.0437) 3.1 steps/s lr 2.0e-4");
    }
}
