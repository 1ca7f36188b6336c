package dev.locus.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.locus.engine.torch.ProcessMemory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Long runs must not grow: a step's activations, graph and gradients die with the step. */
class TrainingMemoryTest {

    private static AutoCloseable threads;

    @BeforeAll
    static void oneThread() {
        threads = TinyRuns.oneThread();
    }

    @AfterAll
    static void restoreThreads() throws Exception {
        threads.close();
    }

    @Test
    void threeHundredStepsDoNotGrowResidentMemory() {
        assumeTrue(ProcessMemory.residentBytes() > 0, "needs /proc/self/status");
        TrainingConfig config = new TrainingConfig(400, 2, 1e-3, 5, LearningRateSchedule.Shape.CONSTANT, 0, 0, 1.0, 0.99, 3);
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), config, TinyRuns.freshImages());
        for (int i = 0; i < 50; i++) {
            trainer.trainStep(); // allocator arenas and the JIT settle
        }
        long before = ProcessMemory.residentBytes();
        for (int i = 0; i < 300; i++) {
            trainer.trainStep();
        }
        long after = ProcessMemory.residentBytes();
        // A step at batch 2 makes about 0.5 MB of activations and gradients: a leak would add 150 MB.
        assertThat(after - before).as("RSS growth in bytes over 300 steps").isLessThan(32L << 20);
    }
}
