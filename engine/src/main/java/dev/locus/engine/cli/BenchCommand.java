package dev.locus.engine.cli;

import dev.locus.engine.bench.ForwardBenchmark;
import dev.locus.engine.torch.ProcessMemory;
import dev.locus.engine.io.SafetensorsWriter;
import dev.locus.engine.models.RandomParameters;
import dev.locus.engine.models.unet2d.KnownConfigs;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.torch.ComputeDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"UNet forward time at several batch sizes (median and min of timed runs), and a native-memory check.",
                "Prints one line per batch: java unet-forward model=... batch=... threads=... median_ms=... min_ms=... params=...",
                "Compare with PyTorch eager on the same weights: bench/side-by-side.sh (see bench/README.md)."})
final class BenchCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--model", paramLabel = "DIR", description = "a diffusers model folder")
        Path model;

        @Option(names = "--config", paramLabel = "NAME", description = "random weights with a known architecture: ${COMPLETION-CANDIDATES}",
                completionCandidates = KnownNames.class)
        String config;
    }

    static final class KnownNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return KnownConfigs.NAMES.iterator();
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the random weights (--config)")
    long seed;

    @Option(names = "--save-weights", paramLabel = "DIR", description = "save the random weights as a diffusers folder, for PyTorch")
    Path saveWeights;

    @Option(names = "--batches", split = ",", defaultValue = "1,8,32")
    List<Integer> batches;

    @Option(names = "--threads", description = "libtorch CPU threads (default: libtorch's choice)")
    Integer threads;

    @Option(names = "--warmup", defaultValue = "2")
    int warmup;

    @Option(names = "--iters", defaultValue = "5")
    int iterations;

    @Option(names = "--device", defaultValue = "auto")
    String device;

    @Option(names = "--leak-check", paramLabel = "N", defaultValue = "0",
            description = "after timing, run N batch-1 forward passes and print the RSS before and after")
    int leakCheck;

    @Override
    public Integer call() throws IOException {
        ModelOptions.applyThreads(threads);
        ComputeDevice compute = ComputeDevice.of(device, "float32");
        String name;
        UNet2DModel model;
        if (source.model != null) {
            model = UNet2DLoader.load(source.model, compute).model();
            name = source.model.toAbsolutePath().normalize().getFileName().toString();
        } else {
            UNet2DConfig config = KnownConfigs.get(source.config);
            model = new UNet2DModel(config, new RandomParameters(seed));
            name = source.config;
            if (saveWeights != null) {
                save(model, saveWeights);
            }
        }
        int threadCount = torch.get_num_threads();
        for (int batch : batches) {
            ForwardBenchmark.Result r = ForwardBenchmark.run(model, compute.device(), batch, warmup, iterations);
            System.out.printf("java unet-forward model=%s batch=%d threads=%d median_ms=%.2f min_ms=%.2f params=%d%n",
                    name, batch, threadCount, r.medianMs(), r.minMs(), model.parameterCount());
        }
        if (leakCheck > 0) {
            ForwardBenchmark.run(model, compute.device(), 1, 10, 1);
            long before = ProcessMemory.residentBytes();
            ForwardBenchmark.run(model, compute.device(), 1, 0, leakCheck);
            long after = ProcessMemory.residentBytes();
            System.out.printf("java rss-check model=%s forwards=%d rss_before_mb=%.1f rss_after_mb=%.1f growth_mb=%.1f%n",
                    name, leakCheck, before / 1e6, after / 1e6, (after - before) / 1e6);
        }
        return 0;
    }

    private static void save(UNet2DModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(UNet2DLoader.CONFIG), model.config().toJson());
        SafetensorsWriter.write(dir.resolve(UNet2DLoader.WEIGHTS), model.parameters(), Map.of("format", "pt"));
        System.err.println("saved random weights to " + dir);
    }
}
