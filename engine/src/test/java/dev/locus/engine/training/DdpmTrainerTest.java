package dev.locus.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdpmTrainerTest {

    private static AutoCloseable threads;

    @BeforeAll
    static void oneThread() {
        threads = TinyRuns.oneThread();
    }

    @AfterAll
    static void restoreThreads() throws Exception {
        threads.close();
    }

    @TempDir
    Path dir;

    @Test
    void fortyStepsOnOneBatchLowerTheLoss() {
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(40), TinyRuns.fixedImages());
        for (int i = 0; i < 40; i++) {
            trainer.trainStep();
        }
        LossHistory losses = trainer.losses();
        double first = losses.mean(0, 5);
        double last = losses.mean(35, 40);
        assertThat(last).as("mean loss of the last 5 steps vs the first 5 (%.4f)", first).isLessThan(0.7 * first);
    }

    @Test
    void aStopRequestEndsTheRunBetweenStepsAndSavesThatStep() {
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(40), TinyRuns.freshImages());
        java.util.List<Long> saved = new java.util.ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onCheckpoint(long step, Path file) {
                saved.add(step);
            }
        };
        new TrainingLoop(1, 100, t -> dir.resolve("checkpoint-" + t.step()), listener)
                .run(trainer, () -> trainer.step() >= 3);

        assertThat(trainer.step()).isEqualTo(3);
        assertThat(saved).as("checkpoints written").containsExactly(3L);
    }

    @Test
    void theStartOfACooldownIsKeptForALongerRunToBranchFrom() {
        TrainingConfig withCooldown = new TrainingConfig(8, 4, 2e-3, 2, LearningRateSchedule.Shape.CONSTANT, 3, 1e-2,
                1.0, 0.9, 7);
        CheckpointDirectory checkpoints = new CheckpointDirectory(dir, 1);
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), withCooldown, TinyRuns.freshImages());
        new TrainingLoop(100, 100, t -> checkpoints.save(t.checkpoint()), new TrainingListener() {}).run(trainer);

        assertThat(checkpoints.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("checkpoint-00000008.safetensors");
        Checkpoint branch = Checkpoint.read(checkpoints.branchFile(5));
        assertThat(branch.step()).isEqualTo(5);
        TrainingConfig longer = new TrainingConfig(20, 4, 2e-3, 2, LearningRateSchedule.Shape.CONSTANT, 3, 1e-2,
                1.0, 0.9, 7);
        assertThat(branch.differencesFrom(TinyRuns.unet(), longer)).as("a longer run may resume from the branch").isEmpty();
        assertThat(Checkpoint.read(checkpoints.latest().orElseThrow()).differencesFrom(TinyRuns.unet(), longer))
                .as("but not from the decayed end").singleElement().asString().startsWith("learning rate");
    }

    @Test
    void resumingFromACheckpointContinuesBitForBit() {
        DdpmTrainer straight = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(6), TinyRuns.freshImages());
        for (int i = 0; i < 6; i++) {
            straight.trainStep();
        }

        DdpmTrainer first = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(6), TinyRuns.freshImages());
        for (int i = 0; i < 3; i++) {
            first.trainStep();
        }
        Path file = new CheckpointDirectory(dir, 2).save(first.checkpoint());
        DdpmTrainer resumed = DdpmTrainer.resume(Checkpoint.read(file), TinyRuns.freshImages());
        assertThat(resumed.step()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            resumed.trainStep();
        }

        Checkpoint a = straight.checkpoint();
        Checkpoint b = resumed.checkpoint();
        assertThat(TinyRuns.maxAbsDiff(a.weights(), b.weights())).as("weights").isZero();
        assertThat(TinyRuns.maxAbsDiff(a.ema(), b.ema())).as("EMA weights").isZero();
        List<AdamWState.Moments> ma = AdamWState.moments(a.optimizer());
        List<AdamWState.Moments> mb = AdamWState.moments(b.optimizer());
        assertThat(ma).hasSameSizeAs(a.weights().values());
        assertThat(mb).hasSameSizeAs(ma);
        for (int i = 0; i < ma.size(); i++) {
            assertThat(mb.get(i).step()).isEqualTo(ma.get(i).step()).isEqualTo(6);
            assertThat(TinyRuns.maxAbsDiff(ma.get(i).expAvg(), mb.get(i).expAvg())).as("exp_avg %d", i).isZero();
            assertThat(TinyRuns.maxAbsDiff(ma.get(i).expAvgSq(), mb.get(i).expAvgSq())).as("exp_avg_sq %d", i).isZero();
        }
        assertThat(TinyRuns.maxAbsDiff(a.rngState(), b.rngState())).as("generator state").isZero();
        assertThat(TinyRuns.maxAbsDiff(a.losses(), b.losses())).as("loss history").isZero();
    }

    @Test
    void withoutTheOptimiserStateAResumedRunDrifts() {
        // Guards the test above: the comparison does see a lost optimiser state.
        DdpmTrainer straight = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(4), TinyRuns.freshImages());
        for (int i = 0; i < 4; i++) {
            straight.trainStep();
        }
        DdpmTrainer first = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(4), TinyRuns.freshImages());
        first.trainStep();
        first.trainStep();
        Checkpoint saved = first.checkpoint();
        DdpmTrainer fresh = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(4), TinyRuns.freshImages());
        Checkpoint amnesiac = new Checkpoint(saved.step(), saved.emaAgeAtStart(), saved.unet(), saved.training(), saved.weights(), saved.ema(),
                fresh.optimizerState(), saved.rngState(), saved.losses());
        DdpmTrainer resumed = DdpmTrainer.resume(amnesiac, TinyRuns.freshImages());
        resumed.trainStep();
        resumed.trainStep();
        assertThat(TinyRuns.maxAbsDiff(straight.checkpoint().weights(), resumed.checkpoint().weights())).isPositive();
    }

    @Test
    void resumeRefusesADifferentConfiguration() {
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(4), TinyRuns.freshImages());
        trainer.trainStep();
        Checkpoint checkpoint = trainer.checkpoint();
        TrainingConfig otherBatch = new TrainingConfig(4, 8, 2e-3, 5, LearningRateSchedule.Shape.CONSTANT, 0, 1e-2, 1.0,
                0.9, 7);
        assertThatThrownBy(() -> DdpmTrainer.resume(checkpoint, TinyRuns.unet(), otherBatch, TinyRuns.freshImages()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size 8 (the checkpoint has 4)");
        var wider = TinyRuns.widerUnet();
        assertThatThrownBy(() -> DdpmTrainer.resume(checkpoint, wider, TinyRuns.config(4), TinyRuns.freshImages()))
                .hasMessageContaining("blockOutChannels [8, 32] (the checkpoint has [8, 16])");
        // Training longer under a constant rate is the same run.
        assertThat(DdpmTrainer.resume(checkpoint, TinyRuns.unet(), TinyRuns.config(40), TinyRuns.freshImages()).step())
                .isEqualTo(1);
    }

    @Test
    void aWarmStartTakesTheWeightsAndBeginsANewScheduleThatResumeWouldRefuse() {
        DdpmTrainer finished = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(3), TinyRuns.freshImages());
        for (int i = 0; i < 3; i++) {
            finished.trainStep();
        }
        Checkpoint end = finished.checkpoint();
        Checkpoint reference = finished.checkpoint(); // the warm start adopts end's tensors as its own
        TrainingConfig fineTune = new TrainingConfig(4, 4, 5e-4, 1, LearningRateSchedule.Shape.CONSTANT, 2, 1e-2, 1.0,
                0.9, 8);
        assertThatThrownBy(() -> DdpmTrainer.resume(end, TinyRuns.unet(), fineTune, TinyRuns.freshImages()))
                .isInstanceOf(IllegalArgumentException.class);

        DdpmTrainer tuned = DdpmTrainer.warmStart(end, TinyRuns.unet(), fineTune, TinyRuns.freshImages());
        Checkpoint start = tuned.checkpoint();
        assertThat(start.step()).isZero();
        assertThat(tuned.losses().size()).isZero();
        assertThat(TinyRuns.maxAbsDiff(start.weights(), reference.weights())).isZero();
        assertThat(TinyRuns.maxAbsDiff(start.ema(), reference.ema())).isZero();
        tuned.trainStep();
        // the EMA goes on at the age it had (3 updates), not from the start of its warm-up: d = 4/13, not 1/10
        double decay = EmaWeights.emaDecay(fineTune.emaDecay(), 3);
        Checkpoint afterOne = tuned.checkpoint();
        Map<String, Tensor> expected = new java.util.LinkedHashMap<>();
        reference.ema().forEach((name, old) -> expected.put(name,
                old.mul(new Scalar(decay)).add(afterOne.weights().get(name).mul(new Scalar(1 - decay)))));
        assertThat(TinyRuns.maxAbsDiff(afterOne.ema(), expected)).isLessThan(1e-6);
        assertThat(afterOne.emaAgeAtStart()).isEqualTo(3);
        tuned.trainStep();
        assertThat(tuned.learningRate()).isEqualTo(fineTune.schedule().at(1)).isPositive();
        assertThat(TinyRuns.maxAbsDiff(tuned.checkpoint().weights(), reference.weights())).isPositive();
    }

    @Test
    void aWarmStartRefusesAnotherArchitectureNamingTheDifference() {
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(2), TinyRuns.freshImages());
        trainer.trainStep();
        var wider = TinyRuns.widerUnet();
        assertThatThrownBy(() -> DdpmTrainer.warmStart(trainer.checkpoint(), wider, TinyRuns.config(2),
                TinyRuns.freshImages()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another architecture")
                .hasMessageContaining("blockOutChannels [8, 32] (the checkpoint has [8, 16])");
    }

    @Test
    void theEmaModelFollowsTheAverageNotTheWeights() {
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(3), TinyRuns.freshImages());
        Tensor before = trainer.checkpoint().ema().get("conv_out.weight");
        trainer.trainStep();
        Checkpoint after = trainer.checkpoint();
        Tensor weight = after.weights().get("conv_out.weight");
        Tensor ema = after.ema().get("conv_out.weight");
        // First update: decay min(0.9, 1/10) = 0.1, so ema = 0.1 before + 0.9 weight.
        Tensor expected = before.mul(new org.bytedeco.pytorch.Scalar(0.1)).add(weight.mul(new org.bytedeco.pytorch.Scalar(0.9)));
        assertThat(TinyRuns.maxAbsDiff(ema, expected)).isLessThan(1e-6);
        assertThat(TinyRuns.maxAbsDiff(ema, weight)).isPositive();
        assertThat(TinyRuns.maxAbsDiff(trainer.emaModel().parameters().get("conv_out.weight"), ema)).isZero();
    }
}
