package dev.locus.engine.methods.jacobian;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Randomness;
import dev.locus.engine.torch.ReverseKernels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adjoint identity on every shipped model and fixture config, so that a libtorch upgrade (or a host) whose
 * kernels break it is caught here: {@code <u, J v> = <u^T J, v>} for the noise prediction and the masked posterior
 * mean through the kept graph, and {@code <u, conv v> = <grad_x(u), v>} for every convolution of the model at the
 * resolution it runs at, with the reverse kernels this process uses once it has checked them.
 */
class AdjointIdentityTest {

    static Stream<String> models() {
        return Stream.of("../models/synthfaces-32", "src/test/resources/fixtures/diffusers/unet2d-small");
    }

    @ParameterizedTest
    @MethodSource("models")
    void jacobianProductsAreAdjointAtSeveralTimestepsAndBatchRows(String folder) {
        UNet2DModel model = checkedModel(folder);
        PosteriorMean f = new PosteriorMean(model, new DiffusersDdimTrajectory(SchedulerConfig.ddpmDefault(), 10, 0)
                .noiseSchedule());
        long[] shape = model.sampleShape();
        Tensor mask = torch.zeros(1, 1, shape[1], shape[2]);
        mask.narrow(2, shape[1] / 4, shape[1] / 4).fill_(new Scalar(1.0));
        for (long timestep : new long[] {10, 600, 990}) {
            for (int rows : new int[] {1, 5}) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor point = Randomness.randn(Randomness.generator(timestep), 1, shape[0], shape[1], shape[2]);
                    DifferentiableMap noise = x -> model.predictNoise(x, steps(timestep, x));
                    DifferentiableMap maskedMean = x -> f.apply(x, steps(timestep, x)).mul(mask);
                    for (DifferentiableMap map : List.of(noise, maskedMean)) {
                        assertThat(mismatch(map, point, rows)).as("%s, t %d, %d rows", folder, timestep, rows)
                                .isLessThan(AdjointCheck.TOLERANCE);
                        assertThat(normalMismatch(map, point, rows)).as("%s, t %d, %d rows, u = J v", folder,
                                timestep, rows).isLessThan(AdjointCheck.TOLERANCE);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyConvolutionsInputGradientIsItsTranspose(String folder) {
        UNet2DModel model = checkedModel(folder);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Tensor> parameter : model.parameters().entrySet()) {
            if (parameter.getValue().dim() != 4) {
                continue;
            }
            Convolution conv = Convolution.of(parameter.getKey(), parameter.getValue(), model);
            for (int batch : new int[] {1, 5}) {
                double[] sides = conv.adjointSides(batch);
                checked++;
                if (Math.abs(sides[0] - sides[1]) > 1e-4 * Math.max(1, Math.abs(sides[0]))) {
                    wrong.add(String.format(Locale.ROOT, "%s at batch %d: <u, conv v> %.5f, <grad_x, v> %.5f",
                            conv, batch, sides[0], sides[1]));
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(wrong).as("with %s reverse kernels", ReverseKernels.portable() ? "portable" : "oneDNN").isEmpty();
    }

    /**
     * What a discovery or a trainer does first: check the reverse kernels on the model, which moves this process to
     * the portable ones on a host whose oneDNN kernels are wrong. The identities below must then hold with the
     * kernels the process uses.
     */
    private static UNet2DModel checkedModel(String folder) {
        UNet2DModel model = UNet2DLoader.load(Path.of(folder), ComputeDevice.cpu()).model();
        long[] shape = model.sampleShape();
        try (PointerScope scope = new PointerScope();
             JacobianProducts products = new JacobianProducts(x -> model.predictNoise(x, steps(600, x)),
                     Randomness.randn(Randomness.generator(1), 1, shape[0], shape[1], shape[2]), 5,
                     MemoryBudget.unlimited())) {
            products.prepare(5);
        }
        return model;
    }

    /** The check {@link JacobianProducts#prepare} runs, random u and v, on a graph of {@code rows} rows. */
    private static double mismatch(DifferentiableMap map, Tensor point, int rows) {
        Tensor output;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            output = map.apply(point);
        }
        try (Linearization graph = Linearization.at(map, point, rows)) {
            return AdjointCheck.mismatch(graph, point.numel(), output.numel());
        }
    }

    /** The check of {@link JacobianProducts#normalProducts}: u = J v, w = u^T J, for orthonormal random v. */
    private static double normalMismatch(DifferentiableMap map, Tensor point, int rows) {
        try (JacobianProducts products = new JacobianProducts(map, point, rows, MemoryBudget.unlimited())) {
            Tensor v = dev.locus.engine.torch.Linalg.orthonormalRows(
                    Randomness.randn(Randomness.generator(2), rows, point.numel()));
            Tensor u = products.jvp(v);
            return AdjointCheck.normalMismatch(v, u, products.vjp(u));
        }
    }

    private static Tensor steps(long timestep, Tensor x) {
        return torch.full(new long[] {x.size(0)}, new Scalar(timestep), new TensorOptions(torch.ScalarType.Long));
    }

    /** A convolution of the model with the geometry it runs at, read off its parameter name and the config. */
    private record Convolution(String name, Tensor weight, long stride, long padding, long resolution) {

        private static final Pattern BLOCK = Pattern.compile("(down|up)_blocks\\.(\\d+)\\.");

        static Convolution of(String name, Tensor weight, UNet2DModel model) {
            int levels = model.config().blockOutChannels().size();
            long size = model.sampleShape()[1];
            boolean downsampler = name.contains("downsamplers");
            long padding = weight.size(3) == 1 ? 0 : downsampler ? model.config().downsamplePadding() : 1;
            long resolution = size;
            Matcher block = BLOCK.matcher(name);
            if (name.startsWith("mid_block")) {
                resolution = size >> (levels - 1);
            } else if (block.find()) {
                int index = Integer.parseInt(block.group(2));
                int level = block.group(1).equals("down") ? index : levels - 1 - index;
                resolution = size >> (name.contains("upsamplers") ? level - 1 : level);
            }
            return new Convolution(name, weight, downsampler ? 2 : 1, padding, resolution);
        }

        /** {@code <u, conv v>} and {@code <grad_x(u), v>} for random u, v, with this process's reverse kernels. */
        double[] adjointSides(int batch) {
            try (PointerScope scope = new PointerScope()) {
                var generator = Randomness.generator(11);
                Tensor x = Randomness.randn(generator, batch, weight.size(1), resolution, resolution).requires_grad_(true);
                Tensor y = apply(x);
                Tensor u = Randomness.randn(generator, y.shape());
                Tensor v = Randomness.randn(generator, x.shape());
                Tensor gradX = ReverseKernels.run(() -> new Tensor(torch.grad(new TensorVector(y), new TensorVector(x),
                        new TensorVector(u), new BoolOptional(false), false, false).get(0)));
                Tensor convV;
                try (NoGradGuard noGrad = new NoGradGuard()) {
                    convV = apply(v);
                }
                return new double[] {u.mul(convV).sum().item_double(), gradX.mul(v).sum().item_double()};
            }
        }

        private Tensor apply(Tensor x) {
            return torch.conv2d(x, weight.detach(), new TensorOptional(), new long[] {stride, stride},
                    new long[] {padding, padding}, new long[] {1, 1}, 1);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%d -> %d, %dx%d, stride %d, %dx%d)", name, weight.size(1),
                    weight.size(0), weight.size(2), weight.size(3), stride, resolution, resolution);
        }
    }
}
