package dev.locus.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.pipelines.DdimLoop;
import dev.locus.engine.schedulers.BetaSchedules;
import dev.locus.engine.schedulers.DDIMInverseScheduler;
import dev.locus.engine.schedulers.DDIMScheduler;
import dev.locus.engine.schedulers.DdimUpdate;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DDIM schedules, the 10-step sampling chain and the 10-step inversion against diffusers 0.31. */
class DdimConformanceTest {

    private static SchedulerConfig config;
    private static SchedulerConfig inverseConfig;
    private static Map<String, Tensor> schedule;
    private static UNet2DModel model;

    @BeforeAll
    static void load() throws IOException {
        config = SchedulerConfig.fromJson(Files.readString(Fixtures.DDIM.resolve("scheduler_config.json")));
        inverseConfig = SchedulerConfig.fromJson(Files.readString(Fixtures.DDIM.resolve("inverse_scheduler_config.json")));
        schedule = Fixtures.read(Fixtures.DDIM.resolve("schedule.safetensors"));
        model = UNet2DLoader.load(Fixtures.UNET2D_SMALL, ComputeDevice.cpu()).model();
    }

    @Test
    void betasAndAlphasCumprodMatch() {
        Tensor alphas = BetaSchedules.fromConfig(config).alphasCumprod();
        assertThat(Fixtures.maxAbsDiff(alphas, schedule.get("alphas_cumprod"))).isLessThan(1e-6);
        Tensor betas = BetaSchedules.betas("linear", 1e-4, 0.02, 1000);
        assertThat(Fixtures.maxAbsDiff(betas, schedule.get("betas"))).isLessThan(1e-6);
    }

    @ParameterizedTest
    @CsvSource({"leading,10", "leading,50", "trailing,10", "trailing,50", "linspace,10", "linspace,50"})
    void samplingTimestepTablesAreExact(String spacing, int steps) {
        DDIMScheduler scheduler = new DDIMScheduler(config.withSpacing(spacing));
        String key = "ddim_" + spacing + "_" + steps;
        long[] timesteps = scheduler.timesteps(steps);
        assertThat(timesteps).containsExactly(longs(key + ".timesteps"));
        long[] previous = new long[timesteps.length];
        float[] alphaPrev = new float[timesteps.length];
        float[] alphaT = new float[timesteps.length];
        for (int i = 0; i < timesteps.length; i++) {
            previous[i] = scheduler.previousTimestep(timesteps[i], steps);
            alphaT[i] = scheduler.alphaCumprod(timesteps[i]);
            alphaPrev[i] = scheduler.alphaCumprod(previous[i]);
        }
        assertThat(previous).containsExactly(longs(key + ".prev_timesteps"));
        assertThat(alphaT).containsExactly(floats(key + ".alpha_prod_t"), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(alphaPrev).containsExactly(floats(key + ".alpha_prod_t_prev"), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @ParameterizedTest
    @CsvSource({"leading,10", "leading,50", "trailing,10", "trailing,50"})
    void inversionTimestepTablesAreExact(String spacing, int steps) {
        DDIMInverseScheduler inverse = new DDIMInverseScheduler(inverseConfig.withSpacing(spacing));
        assertThat(inverse.timesteps(steps)).containsExactly(longs("inverse_" + spacing + "_" + steps + ".timesteps"));
    }

    @Test
    void tenStepSamplingChainMatches() {
        Map<String, Tensor> run = Fixtures.read(Fixtures.DDIM.resolve("sampling.safetensors"));
        DDIMScheduler scheduler = new DDIMScheduler(config);
        long[] timesteps = scheduler.timesteps(10);
        Tensor x = run.get("x_T");
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (int i = 0; i < timesteps.length; i++) {
                Tensor eps = model.predictNoise(x, torch.full(new long[] {2}, new org.bytedeco.pytorch.Scalar(timesteps[i]),
                        new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long)));
                DdimUpdate.Result step = scheduler.step(eps, timesteps[i], x, 10, 0.0, null);
                assertThat(Fixtures.maxAbsDiff(eps, run.get("eps").select(0, i))).as("eps %d", i).isLessThan(2e-3);
                assertThat(Fixtures.maxAbsDiff(step.predOriginal(), run.get("pred_x0").select(0, i))).as("pred_x0 %d", i).isLessThan(2e-3);
                assertThat(Fixtures.maxAbsDiff(step.sample(), run.get("samples").select(0, i))).as("sample %d", i).isLessThan(2e-3);
                x = step.sample();
            }
        }
        assertThat(Fixtures.maxAbsDiff(x, run.get("x_0"))).isLessThan(2e-3);
    }

    @Test
    void tenStepInversionMatches() {
        Map<String, Tensor> run = Fixtures.read(Fixtures.DDIM.resolve("inversion.safetensors"));
        DDIMInverseScheduler inverse = new DDIMInverseScheduler(inverseConfig);
        long[] timesteps = inverse.timesteps(10);
        assertThat(timesteps).containsExactly(0, 100, 200, 300, 400, 500, 600, 700, 800, 900);
        Tensor x = run.get("x_0");
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (int i = 0; i < timesteps.length; i++) {
                assertThat(inverse.alphaCumprod(inverse.sourceTimestep(timesteps[i], 10)))
                        .isCloseTo(run.get("alpha_prod_source").get(i).item_float(), org.assertj.core.data.Offset.offset(1e-6f));
                Tensor eps = model.predictNoise(x, torch.full(new long[] {2}, new org.bytedeco.pytorch.Scalar(timesteps[i]),
                        new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long)));
                DdimUpdate.Result step = inverse.step(eps, timesteps[i], x, 10);
                assertThat(Fixtures.maxAbsDiff(eps, run.get("eps").select(0, i))).as("eps %d", i).isLessThan(5e-4);
                assertThat(Fixtures.maxAbsDiff(step.predOriginal(), run.get("pred_x0").select(0, i))).as("pred_x0 %d", i).isLessThan(5e-3);
                assertThat(Fixtures.maxAbsDiff(step.sample(), run.get("samples").select(0, i))).as("sample %d", i).isLessThan(2e-4);
                x = step.sample();
            }
        }
        assertThat(Fixtures.maxAbsDiff(x, run.get("x_T_inverted"))).isLessThan(2e-4);
    }

    @Test
    void theStepListUsedByPipelinesReproducesTheChain() {
        Map<String, Tensor> run = Fixtures.read(Fixtures.DDIM.resolve("sampling.safetensors"));
        DDIMScheduler scheduler = new DDIMScheduler(config);
        Tensor x0 = DdimLoop.run(model, run.get("x_T"), scheduler.samplingSteps(10, 0.0),
                new DdimUpdate(config), null, "sampling", dev.locus.engine.pipelines.StepListener.NONE);
        assertThat(Fixtures.maxAbsDiff(x0, run.get("x_0"))).isLessThan(2e-3);

        Map<String, Tensor> inversion = Fixtures.read(Fixtures.DDIM.resolve("inversion.safetensors"));
        DDIMInverseScheduler inverse = new DDIMInverseScheduler(inverseConfig);
        Tensor xT = DdimLoop.run(model, inversion.get("x_0"), inverse.inversionSteps(10),
                new DdimUpdate(inverseConfig), null, "inverting", dev.locus.engine.pipelines.StepListener.NONE);
        assertThat(Fixtures.maxAbsDiff(xT, inversion.get("x_T_inverted"))).isLessThan(2e-4);
    }

    private static long[] longs(String key) {
        Tensor t = Fixtures.readLong(Fixtures.DDIM.resolve("schedule.safetensors"), key).contiguous();
        long[] values = new long[(int) t.numel()];
        new org.bytedeco.javacpp.LongPointer(t.data_ptr()).get(values);
        return values;
    }

    private static float[] floats(String key) {
        Tensor t = schedule.get(key).contiguous();
        float[] values = new float[(int) t.numel()];
        new org.bytedeco.javacpp.FloatPointer(t.data_ptr()).get(values);
        return values;
    }
}
