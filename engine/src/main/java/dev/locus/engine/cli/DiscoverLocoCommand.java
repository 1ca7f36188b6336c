package dev.locus.engine.cli;

import dev.locus.engine.io.Images;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.methods.Loco;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "loco", mixinStandardHelpOptions = true,
        description = "LOCO: top-k directions of the masked posterior-mean Jacobian at t, projected off the complement's top subspace.")
final class DiscoverLocoCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    ScheduleOptions schedule;

    @Option(names = "--image", required = true, paramLabel = "face.png")
    Path image;

    @Option(names = "--mask", required = true, paramLabel = "eyes.png", description = "region of interest, white = inside")
    Path mask;

    @Option(names = "--t", defaultValue = "0.6", description = "edit timestep as a fraction of T (default: ${DEFAULT-VALUE})")
    double t;

    @Option(names = "--k", defaultValue = "3", description = "directions to find (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--null-rank", defaultValue = "5", description = "rank of the complement's subspace projected out (default: ${DEFAULT-VALUE})")
    int nullRank;

    @Option(names = "--no-null-space", description = "skip the null-space projection (the ablation)")
    boolean noNullSpace;

    @Option(names = "--min-iterations", defaultValue = "10")
    int minIterations;

    @Option(names = "--max-iterations", defaultValue = "50")
    int maxIterations;

    @Option(names = "--tolerance", defaultValue = "1e-4", description = "stop when the subspace moves less than this (radians)")
    double tolerance;

    @Option(names = "--chunk", defaultValue = "16", description = "most vectors per batched Jacobian pass (memory bound)")
    int chunk;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "basis.safetensors")
    Path out;

    @Override
    public Integer call() {
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException("--t must be in (0, 1], got " + t);
        }
        if (k < 1 || nullRank < 1) {
            throw new IllegalArgumentException("--k and --null-rank must be at least 1");
        }
        UNet2DLoader.Loaded loaded = model.load();
        Tensor x0 = ImageInput.read(image, loaded.model().sampleShape()).to(loaded.device().device(), loaded.device().dtype());
        Tensor roi = Images.readMask(mask, (int) x0.size(2), (int) x0.size(3));
        long start = System.nanoTime();
        DirectionBasis basis = new Loco(loaded.model(), schedule.trajectory(loaded.scheduler()), loaded.fingerprint())
                .discover(x0, roi, new Loco.Options(t, k, nullRank, !noNullSpace, minIterations, maxIterations, tolerance,
                        chunk, seed), Progress.toStderr());
        basis.save(out);
        System.out.printf("wrote %d %s directions (timestep %.1f, singular values %s) to %s in %.1f s%n", basis.size(),
                basis.method(), basis.timestep(), Progress.values(basis.singularValues()), out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
