package dev.locus.engine.cli;

import dev.locus.engine.api.JivePreset;
import dev.locus.engine.io.Images;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.methods.HSpaceDirections;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "jive", mixinStandardHelpOptions = true,
        description = "JIVE: per-region h-space Jacobians split into joint (global) and individual (local) directions.")
final class DiscoverJiveCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    DiscoveryOptions input;

    @Option(names = "--regions", required = true, split = ",", paramLabel = "eyes.png,mouth.png,...",
            description = "region masks (white = inside); the file name without extension names the region")
    List<Path> regions;

    @Option(names = "--rank", description = "r: singular vectors per region (default: ${DEFAULT-VALUE})")
    int rank = JivePreset.PAPER.jacobianRank();

    @Option(names = "--joint-rank", description = "r_C (default: ${DEFAULT-VALUE})")
    int jointRank = JivePreset.PAPER.jointRank();

    @Option(names = "--individual-rank", description = "r_A (default: ${DEFAULT-VALUE})")
    int individualRank = JivePreset.PAPER.individualRank();

    @Option(names = "--no-jive", description = "Haas et al.: per-region h-space SVD directions, no JIVE")
    boolean noJive;

    @Option(names = "--max-iterations", description = "(default: ${DEFAULT-VALUE})")
    int maxIterations = JivePreset.PAPER.maxIterations();

    @Option(names = "--chunk", defaultValue = "25")
    int chunk;

    @Override
    public Integer call() {
        ImageInput.timestepFraction(input.t);
        UNet2DLoader.Loaded loaded = model.load();
        Tensor x0 = ImageInput.read(input.image, loaded);
        List<HSpaceDirections.Region> named = new ArrayList<>();
        for (Path region : regions) {
            String name = region.getFileName().toString().replaceFirst("\\.[^.]+$", "").replaceFirst("^mask_", "");
            named.add(new HSpaceDirections.Region(name, Images.readMask(region, (int) x0.size(2), (int) x0.size(3))));
        }
        long start = System.nanoTime();
        DirectionBasis basis = new HSpaceDirections(loaded.model(), schedule.trajectory(loaded.scheduler()), loaded.fingerprint())
                .discover(x0, named, new HSpaceDirections.Options(input.t, rank, jointRank, individualRank, !noJive,
                        JivePreset.PAPER.minIterations(), maxIterations, JivePreset.PAPER.tolerance(),
                        JivePreset.PAPER.jiveIterations(), chunk, input.seed), Progress.toStderr());
        basis.save(input.out);
        System.out.printf("wrote %d %s directions %s to %s in %.1f s%n", basis.size(), basis.method(), basis.labels(), input.out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
