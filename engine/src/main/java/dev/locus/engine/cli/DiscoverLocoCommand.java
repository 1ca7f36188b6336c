package dev.locus.engine.cli;

import dev.locus.engine.api.LocoPreset;
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

    @Mixin
    DiscoveryOptions input;

    @Option(names = "--mask", required = true, paramLabel = "eyes.png", description = "region of interest, white = inside")
    Path mask;

    @Option(names = "--k", description = "directions to find (default: ${DEFAULT-VALUE})")
    int k = LocoPreset.REFERENCE.rank();

    @Option(names = "--null-rank", description = "rank of the complement's subspace projected out (default: ${DEFAULT-VALUE})")
    int nullRank = LocoPreset.REFERENCE.nullRank();

    @Option(names = "--no-null-space", description = "skip the null-space projection (the ablation)")
    boolean noNullSpace;

    @Option(names = "--min-iterations", description = "(default: ${DEFAULT-VALUE})")
    int minIterations = LocoPreset.REFERENCE.minIterations();

    @Option(names = "--max-iterations", description = "(default: ${DEFAULT-VALUE})")
    int maxIterations = LocoPreset.REFERENCE.maxIterations();

    @Option(names = "--tolerance", description = "stop when the subspace moves less than this (radians; default: ${DEFAULT-VALUE})")
    double tolerance = LocoPreset.REFERENCE.tolerance();

    @Option(names = "--chunk", defaultValue = "16", description = "most vectors per batched Jacobian pass (memory bound)")
    int chunk;

    @Override
    public Integer call() {
        ImageInput.timestepFraction(input.t);
        if (k < 1 || nullRank < 1) {
            throw new IllegalArgumentException("--k and --null-rank must be at least 1");
        }
        UNet2DLoader.Loaded loaded = model.load();
        Tensor x0 = ImageInput.read(input.image, loaded);
        Tensor roi = Images.readMask(mask, (int) x0.size(2), (int) x0.size(3));
        long start = System.nanoTime();
        DirectionBasis basis = new Loco(loaded.model(), schedule.trajectory(loaded.scheduler()), loaded.fingerprint())
                .discover(x0, roi, new Loco.Options(input.t, k, nullRank, !noNullSpace, minIterations, maxIterations, tolerance,
                        chunk, input.seed), Progress.toStderr());
        basis.save(input.out);
        System.out.printf("wrote %d %s directions (level %.1f, singular values %s) to %s in %.1f s%n", basis.size(),
                basis.method(), basis.level(), Progress.values(basis.singularValues()), input.out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
