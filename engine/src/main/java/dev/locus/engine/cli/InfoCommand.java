package dev.locus.engine.cli;

import dev.locus.engine.models.unet2d.UNet2DLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a model's class, config summary, parameter count, fingerprint and device.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() {
        UNet2DLoader.Loaded loaded = model.load();
        System.out.println("class:       UNet2DModel");
        System.out.println("folder:      " + loaded.folder());
        System.out.println("config:      " + loaded.model().config().summary());
        System.out.printf("parameters:  %,d%n", loaded.model().parameterCount());
        System.out.println("fingerprint: " + loaded.fingerprint());
        System.out.println("device:      " + loaded.device().describe());
        System.out.println("scheduler:   " + loaded.scheduler().betaSchedule() + " betas " + loaded.scheduler().betaStart()
                + ".." + loaded.scheduler().betaEnd() + " over " + loaded.scheduler().numTrainTimesteps()
                + " steps, " + loaded.scheduler().predictionType().name().toLowerCase() + " prediction");
        return 0;
    }
}
