package dev.locus.synthfaces.cli;

import dev.locus.engine.models.ModelLoadException;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Threads;
import dev.locus.engine.training.Checkpoint;
import dev.locus.engine.training.CheckpointDirectory;
import dev.locus.engine.training.DdpmTrainer;
import dev.locus.engine.training.LearningRateSchedule;
import dev.locus.engine.training.ProgressLogger;
import dev.locus.engine.training.TrainingConfig;
import dev.locus.engine.training.TrainingLoop;
import dev.locus.engine.training.TrainingOutputs;
import dev.locus.synthfaces.train.SynthFacesData;
import dev.locus.synthfaces.train.TrainBenchmark;
import dev.locus.synthfaces.train.UNetShape;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a small unconditional DDPM UNet on fresh synthetic faces and export its EMA weights "
                + "as a diffusers model folder.",
                "Checkpoints, loss.csv and the export are refreshed every --checkpoint-every steps; rerun the same "
                        + "command with --resume to continue after an interruption."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "diffusers folder to write (config.json, diffusion_pytorch_model.safetensors, "
                    + "scheduler_config.json).")
    Path out;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Checkpoints and loss.csv (default: <out>-work next to --out).")
    Path work;

    @Option(names = "--resume", description = "Continue from the latest checkpoint in --work (start fresh if there "
            + "is none). Refused if the checkpoint was trained with other settings.")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "CHECKPOINT|DIR",
            description = "Fine-tune: start the new run from this checkpoint's weights and EMA weights, or from a "
                    + "released diffusers folder's weights (same architecture), with a fresh optimiser, step 0 and "
                    + "this command's schedule; pick another --seed for fresh faces. A run that has checkpoints in "
                    + "--work resumes from them instead.")
    Path initFrom;

    @Option(names = "--steps", defaultValue = "20000", paramLabel = "N", description = "Optimiser steps in all (${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "B", description = "Faces per step (${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "2e-4", paramLabel = "RATE", description = "AdamW learning rate (${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup", defaultValue = "500", paramLabel = "N", description = "Linear warm-up steps (${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "SHAPE",
            description = "After warm-up: constant or cosine (to 0 at the last step) (${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--cooldown", defaultValue = "0", paramLabel = "N",
            description = "After a constant rate, decay it linearly to 0 over the last N steps; a run resumes into a "
                    + "cool-down that starts after its checkpoint, and the checkpoint at the cool-down's start is kept as "
                    + "branch-<step>.safetensors for a longer run to resume from (${DEFAULT-VALUE}).")
    long cooldown;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "W", description = "AdamW weight decay (${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--grad-clip", defaultValue = "1.0", paramLabel = "NORM",
            description = "Clip the global gradient norm to this; 0 = off (${DEFAULT-VALUE}).")
    double gradClip;

    @Option(names = "--ema-decay", defaultValue = "0.999", paramLabel = "D", description = "EMA decay (${DEFAULT-VALUE}).")
    double emaDecay;

    @Option(names = "--size", defaultValue = "32", paramLabel = "PX", description = "Image size, 32 or 64 (${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--channels", defaultValue = "32,64,64", split = ",", paramLabel = "C",
            description = "block_out_channels, one per resolution level (${DEFAULT-VALUE}).")
    List<Integer> channels;

    @Option(names = "--layers-per-block", defaultValue = "1", paramLabel = "N", description = "Resnets per down block (${DEFAULT-VALUE}).")
    int layersPerBlock;

    @Option(names = "--attention-levels", defaultValue = "2", paramLabel = "LIST",
            description = "Levels with self-attention in their down and up blocks, e.g. 2 or 1,2 (level i runs at "
                    + "size/2^i), or none (${DEFAULT-VALUE}).")
    String attentionLevels;

    @Option(names = "--mid-attention", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Self-attention in the mid block (default: on).")
    boolean midAttention;

    @Option(names = "--norm-groups", defaultValue = "16", paramLabel = "G", description = "GroupNorm groups; must divide every channel count (${DEFAULT-VALUE}).")
    int normGroups;

    @Option(names = "--head-dim", defaultValue = "all", paramLabel = "D",
            description = "Attention head size, or all for one head over all channels (${DEFAULT-VALUE}).")
    String headDim;

    @Option(names = "--checkpoint-every", defaultValue = "1000", paramLabel = "N", description = "(${DEFAULT-VALUE})")
    long checkpointEvery;

    @Option(names = "--keep", defaultValue = "2", paramLabel = "N", description = "Checkpoints to keep (${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--log-every", defaultValue = "100", paramLabel = "N", description = "(${DEFAULT-VALUE})")
    long logEvery;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seeds weights, noise and faces (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "libtorch threads (${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--benchmark", paramLabel = "N",
            description = "Only time N training steps of this config on one batch and print the step time; writes nothing.")
    Integer benchmark;

    @Override
    public Integer call() {
        UNet2DConfig unet = shape().toConfig();
        TrainingConfig training = trainingConfig();
        Threads.use(threads);
        PrintWriter console = spec.commandLine().getOut();
        if (threads > 1 && System.getenv("OMP_WAIT_POLICY") == null) {
            // libtorch's OpenMP threads spin at every barrier; when another job holds a core, each
            // barrier waits for a descheduled thread (measured, default model at batch 32 on a busy
            // 2-core machine: 1.6 s a step spinning, 0.9 s passive).
            console.println("hint: on a machine shared with other jobs, run with OMP_WAIT_POLICY=PASSIVE");
        }
        if (benchmark != null) {
            TrainBenchmark.print(TrainBenchmark.run(unet, training, SynthFacesData.of(seed, size), benchmark), unet,
                    batch, threads, console);
            return 0;
        }
        Path workDir = work != null ? work : out.toAbsolutePath().resolveSibling(out.getFileName() + "-work");
        CheckpointDirectory checkpoints = new CheckpointDirectory(workDir, keep);
        try (SynthFacesData data = SynthFacesData.prefetching(seed, size)) {
            DdpmTrainer trainer = startOrResume(unet, training, checkpoints, data, console);
            console.println(String.format(Locale.ROOT, "%s%n%,d parameters (%.1f MB float32); %d steps at batch %d, "
                            + "%d threads; checkpoints in %s, model in %s", unet.summary(),
                    trainer.model().parameterCount(), trainer.model().parameterCount() * 4 / 1e6, steps, batch,
                    threads, workDir, out));
            TrainingOutputs outputs = new TrainingOutputs(out, checkpoints);
            GracefulStop stop = GracefulStop.onSignal();
            try {
                new TrainingLoop(logEvery, checkpointEvery, outputs::save, new ProgressLogger(console))
                        .run(trainer, stop::requested);
            } finally {
                stop.finished();
            }
            console.println((stop.requested() ? "stopped at step " + trainer.step() + ", saved: " : "done: ") + out
                    + " (EMA weights), loss curve in " + workDir.resolve(TrainingOutputs.LOSS_CSV));
        }
        return 0;
    }

    private DdpmTrainer startOrResume(UNet2DConfig unet, TrainingConfig training, CheckpointDirectory checkpoints,
                                      SynthFacesData data, PrintWriter console) {
        Optional<Path> latest = checkpoints.latest();
        if (latest.isEmpty()) {
            if (resume) {
                console.println("no checkpoint in " + checkpoints.dir() + ": starting a new run");
            }
            return initFrom == null ? DdpmTrainer.start(unet, training, data) : warmStart(unet, training, data, console);
        }
        if (!resume) {
            throw new ParameterException(spec.commandLine(), checkpoints.dir() + " already holds "
                    + latest.get().getFileName() + ": pass --resume to continue that run, or choose another --work");
        }
        Checkpoint checkpoint = Checkpoint.read(latest.get());
        List<String> differences = checkpoint.differencesFrom(unet, training);
        if (!differences.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "cannot resume from " + latest.get()
                    + ": it was trained with other settings: " + String.join("; ", differences));
        }
        console.println("resuming from " + latest.get() + " at step " + checkpoint.step());
        return DdpmTrainer.resume(checkpoint, unet, training, data);
    }

    private DdpmTrainer warmStart(UNet2DConfig unet, TrainingConfig training, SynthFacesData data, PrintWriter console) {
        try {
            if (Files.isDirectory(initFrom)) {
                UNet2DModel released = UNet2DLoader.load(initFrom, ComputeDevice.cpu()).model();
                DdpmTrainer trainer = DdpmTrainer.fineTune(released, unet, training, data);
                console.println("fine-tuning the released model " + initFrom);
                return trainer;
            }
            Checkpoint from = Checkpoint.read(initFrom);
            DdpmTrainer trainer = DdpmTrainer.warmStart(from, unet, training, data);
            console.println("starting from the weights of " + initFrom + " (step " + from.step() + ")");
            return trainer;
        } catch (IllegalArgumentException | ModelLoadException e) {
            throw new ParameterException(spec.commandLine(), "--init-from " + initFrom + ": " + e.getMessage());
        }
    }

    private UNetShape shape() {
        if (size != 32 && size != 64) {
            throw new ParameterException(spec.commandLine(), "--size must be 32 or 64, got " + size);
        }
        try {
            return new UNetShape(size, channels, layersPerBlock, levels(), midAttention, normGroups,
                    headDim.equalsIgnoreCase("all") ? null : Integer.valueOf(headDim));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Set<Integer> levels() {
        Set<Integer> levels = new TreeSet<>();
        if (!attentionLevels.equalsIgnoreCase("none")) {
            for (String level : attentionLevels.split(",")) {
                levels.add(Integer.valueOf(level.trim()));
            }
        }
        return levels;
    }

    private TrainingConfig trainingConfig() {
        LearningRateSchedule.Shape shape;
        try {
            shape = LearningRateSchedule.Shape.valueOf(lrSchedule.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--lr-schedule must be constant or cosine, got " + lrSchedule);
        }
        if (threads < 1 || logEvery < 1 || checkpointEvery < 1 || keep < 1) {
            throw new ParameterException(spec.commandLine(), "--threads, --log-every, --checkpoint-every and --keep must be at least 1");
        }
        try {
            return new TrainingConfig(steps, batch, lr, warmup, shape, cooldown, weightDecay, gradClip, emaDecay, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
