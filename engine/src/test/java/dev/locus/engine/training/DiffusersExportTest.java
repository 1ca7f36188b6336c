package dev.locus.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.io.SafetensorsFile;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Randomness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffusersExportTest {

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
    void theExportLoadsAndPredictsWhatTheEmaModelPredicts() throws Exception {
        DdpmTrainer trainer = DdpmTrainer.start(TinyRuns.unet(), TinyRuns.config(3), TinyRuns.freshImages());
        for (int i = 0; i < 3; i++) {
            trainer.trainStep();
        }
        Path out = dir.resolve("model");
        trainer.exportDiffusers(out);

        assertThat(UNet2DConfig.fromJson(Files.readString(out.resolve("config.json")))).isEqualTo(TinyRuns.unet());
        assertThat(SchedulerConfig.fromJson(Files.readString(out.resolve("scheduler_config.json"))))
                .isEqualTo(SchedulerConfig.ddpmDefault());
        try (SafetensorsFile weights = SafetensorsFile.open(out.resolve("diffusion_pytorch_model.safetensors"))) {
            assertThat(weights.names()).isEqualTo(new java.util.TreeSet<>(trainer.model().parameters().keySet()));
            assertThat(weights.names()).allSatisfy(name -> assertThat(weights.info(name).dtype().name()).isEqualTo("F32"));
            assertThat(weights.metadata()).containsEntry("format", "pt");
        }

        UNet2DLoader.Loaded loaded = UNet2DLoader.load(out, ComputeDevice.cpu());
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor x = Randomness.randn(Randomness.generator(3), 2, 3, TinyRuns.SIZE, TinyRuns.SIZE);
            Tensor t = Tensor.create(10L, 700L);
            Tensor fromExport = loaded.model().predictNoise(x, t);
            Tensor fromTrainer = trainer.emaModel().predictNoise(x, t);
            assertThat(TinyRuns.maxAbsDiff(fromExport, fromTrainer)).isZero();
            Tensor fromWeights = trainer.model().predictNoise(x, t);
            assertThat(TinyRuns.maxAbsDiff(fromExport, fromWeights)).as("export holds the EMA, not the raw weights")
                    .isPositive();

            DdimPipeline pipeline = new DdimPipeline(loaded.model(), new DiffusersDdimTrajectory(loaded.scheduler(), 4, 0.0));
            Tensor images = pipeline.sample(2, 5, ComputeDevice.cpu().device(), StepListener.NONE);
            assertThat(images.shape()).containsExactly(2, 3, TinyRuns.SIZE, TinyRuns.SIZE);
            assertThat(torch.isfinite(images).all().item_bool()).isTrue();
        }
    }
}
