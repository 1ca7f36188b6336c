package dev.locus.engine.bench;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.torch.Randomness;
import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Times eps_theta(x, t) at a batch size: median and minimum over timed iterations. */
public final class ForwardBenchmark {

    public record Result(int batch, double medianMs, double minMs) {}

    private ForwardBenchmark() {}

    public static Result run(Denoiser model, Device device, int batch, int warmup, int iterations) {
        long[] shape = model.sampleShape();
        Generator generator = Randomness.generator(batch);
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            Tensor x = Randomness.randn(generator, batch, shape[0], shape[1], shape[2]).to(device, torch.ScalarType.Float);
            Tensor t = torch.full(new long[] {batch}, new Scalar(500L), new TensorOptions(torch.ScalarType.Long))
                    .to(device, torch.ScalarType.Long);
            for (int i = 0; i < warmup; i++) {
                forward(model, x, t, device);
            }
            double[] times = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                forward(model, x, t, device);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            return new Result(batch, Median.of(times), Arrays.stream(times).min().orElseThrow());
        }
    }

    private static void forward(Denoiser model, Tensor x, Tensor t, Device device) {
        try (PointerScope scope = new PointerScope()) {
            model.predictNoise(x, t);
            if (device.is_cuda()) {
                torch.cuda_synchronize();
            }
        }
    }
}
