package dev.locus.engine.cli;

import dev.locus.engine.api.Schedule;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.engine.schedulers.LocoGrid;
import dev.locus.engine.schedulers.SchedulerConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** --schedule, --steps, --eta, --quality-boost: how to walk between images and noise. */
final class ScheduleOptions {

    @Option(names = "--schedule", defaultValue = "ddim",
            description = "ddim (diffusers DDIM with the model's scheduler config) or loco (the LOCO reference grid) (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--steps", description = "DDIM steps over the whole range, or LOCO grid points (default: ${DEFAULT-VALUE})")
    int steps = Schedule.DEFAULT_STEPS;

    @Option(names = "--eta", defaultValue = "0", description = "DDIM eta: 0 deterministic, 1 DDPM-like (default: ${DEFAULT-VALUE})")
    double eta;

    @Option(names = "--quality-boost", description = "LOCO grid: stochastic steps below 0.2T, as the reference code")
    boolean qualityBoost;

    DdimTrajectory trajectory(SchedulerConfig config) {
        return build(schedule, steps, eta, qualityBoost, config);
    }

    Map<String, String> describe() {
        return Map.of("schedule", schedule, "steps", Integer.toString(steps), "eta", Double.toString(eta),
                "quality_boost", Boolean.toString(qualityBoost));
    }

    static DdimTrajectory fromMetadata(Map<String, String> metadata, SchedulerConfig config) {
        return build(metadata.getOrDefault("schedule", "ddim"), Integer.parseInt(metadata.getOrDefault("steps", "50")),
                Double.parseDouble(metadata.getOrDefault("eta", "0")),
                Boolean.parseBoolean(metadata.getOrDefault("quality_boost", "false")), config);
    }

    private static DdimTrajectory build(String schedule, int steps, double eta, boolean boost, SchedulerConfig config) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("--eta must be between 0 and 1, got " + eta);
        }
        return switch (schedule) {
            case "ddim" -> new DiffusersDdimTrajectory(config, steps, eta);
            case "loco" -> new LocoGrid(config, steps, boost);
            default -> throw new IllegalArgumentException("--schedule must be ddim or loco, got " + schedule);
        };
    }
}
