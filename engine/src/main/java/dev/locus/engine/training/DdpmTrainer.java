package dev.locus.engine.training;

import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.models.RandomParameters;
import dev.locus.engine.models.StateDictParameters;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.schedulers.SchedulerConfig;
import dev.locus.engine.torch.Randomness;
import dev.locus.engine.torch.ReverseKernels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Trains a diffusers UNet2DModel on the DDPM epsilon objective with AdamW, gradient clipping and
 * an EMA of the weights, one step at a time, and saves or exports its full state at any step.
 *
 * <p>A step is a pure function of the state a {@link Checkpoint} holds and of the step's batch,
 * so a run resumed from a checkpoint produces the same weights, bit for bit, as one that never
 * stopped (on the same machine and thread count: libtorch's CPU kernels split work by thread).
 */
public final class DdpmTrainer {

    private final UNet2DConfig unet;
    private final TrainingConfig config;
    private final TrainingData data;
    private final DdpmObjective objective;
    private final UNet2DModel model;
    private final Map<String, Tensor> parameters;
    private final TensorVector parameterList;
    private final AdamW optimizer;
    private final EmaWeights ema;
    private final UNet2DModel emaModel;
    private final Generator generator;
    private final LossHistory losses;
    private long step;
    /** The step this trainer was made at: its first {@link #trainStep} checks the reverse kernels. */
    private final long firstStep;
    /** EMA updates the average had before this run's first step: non-zero after a warm start. */
    private final long emaAgeAtStart;
    private double learningRate = Double.NaN;
    private double gradNorm = Double.NaN;

    private DdpmTrainer(UNet2DConfig unet, TrainingConfig config, TrainingData data, UNet2DModel model,
                        EmaWeights ema, long emaAgeAtStart, Generator generator, LossHistory losses, long step) {
        this.unet = unet;
        this.emaAgeAtStart = emaAgeAtStart;
        this.config = config;
        this.data = data;
        this.objective = new DdpmObjective(SchedulerConfig.ddpmDefault());
        this.model = model;
        this.parameters = model.parameters();
        parameters.values().forEach(p -> p.requires_grad_(true));
        // Long-lived native objects: a scope the caller happens to have open must not free them.
        this.parameterList = new TensorVector(parameters.values().toArray(new Tensor[0]));
        parameterList.retainReference();
        this.optimizer = adamW(parameterList, config);
        this.ema = ema;
        this.emaModel = new UNet2DModel(unet, new StateDictParameters(ema.weights(), "EMA weights"));
        this.generator = generator;
        generator.retainReference();
        this.losses = losses;
        this.step = step;
        this.firstStep = step;
    }

    /** A new run from weights drawn with the config's seed. */
    public static DdpmTrainer start(UNet2DConfig unet, TrainingConfig config, TrainingData data) {
        UNet2DModel model = new UNet2DModel(unet, new RandomParameters(config.seed()));
        EmaWeights ema = EmaWeights.copyOf(model.parameters(), config.emaDecay());
        return new DdpmTrainer(unet, config, data, model, ema, 0, Randomness.generator(noiseSeed(config.seed())),
                new LossHistory(), 0);
    }

    /**
     * Continues the run that wrote {@code checkpoint}. {@code unet} and {@code config} must describe
     * that run (the step count may grow under a constant learning rate).
     *
     * @throws IllegalArgumentException naming each difference when they do not
     */
    public static DdpmTrainer resume(Checkpoint checkpoint, UNet2DConfig unet, TrainingConfig config, TrainingData data) {
        List<String> differences = checkpoint.differencesFrom(unet, config);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint at step " + checkpoint.step()
                    + " was trained with a different configuration: " + String.join("; ", differences));
        }
        UNet2DModel model = new UNet2DModel(unet, new StateDictParameters(checkpoint.weights(), "checkpoint"));
        EmaWeights ema = EmaWeights.restore(checkpoint.ema(), config.emaDecay());
        Generator generator = Randomness.generator(0);
        generator.set_state(checkpoint.rngState());
        DdpmTrainer trainer = new DdpmTrainer(unet, config, data, model, ema, checkpoint.emaAgeAtStart(), generator,
                LossHistory.fromTensor(checkpoint.losses()), checkpoint.step());
        AdamWState.load(trainer.optimizer, checkpoint.optimizer());
        return trainer;
    }

    /**
     * A new run (step 0, fresh AdamW state, a new schedule) that starts from the weights and EMA
     * weights of another run's checkpoint instead of random ones: fine-tuning a finished run whose
     * learning rate has decayed, which {@link #resume} rightly refuses to rewrite. Only the
     * architecture must match; the new run's seed draws its faces, timesteps and noise.
     *
     * @throws IllegalArgumentException naming each architecture difference
     */
    public static DdpmTrainer warmStart(Checkpoint from, UNet2DConfig unet, TrainingConfig config, TrainingData data) {
        List<String> differences = from.architectureDifferencesFrom(unet);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot start from the checkpoint at step " + from.step()
                    + ": its model has another architecture: " + String.join("; ", differences));
        }
        UNet2DModel model = new UNet2DModel(unet, new StateDictParameters(from.weights(), "checkpoint"));
        EmaWeights ema = EmaWeights.restore(from.ema(), config.emaDecay());
        // the average goes on from its age: restarting its warm-up would weight the first new step 0.9
        long emaAge = from.emaAgeAtStart() + from.step();
        return new DdpmTrainer(unet, config, data, model, ema, emaAge, Randomness.generator(noiseSeed(config.seed())),
                new LossHistory(), 0);
    }

    /**
     * A new run that fine-tunes a released model (a diffusers folder holds only its EMA weights):
     * the weights and the average both start at {@code released}'s, and the average counts as mature,
     * so that it keeps its full decay instead of forgetting the released weights in the first steps.
     *
     * @throws IllegalArgumentException naming each architecture difference
     */
    public static DdpmTrainer fineTune(UNet2DModel released, UNet2DConfig unet, TrainingConfig config, TrainingData data) {
        List<String> differences = Checkpoint.architectureDifferences(released.config(), unet, "the released model");
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot fine-tune the released model: it has another architecture: "
                    + String.join("; ", differences));
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        released.parameters().forEach((name, t) -> weights.put(name, t.detach().clone()));
        UNet2DModel model = new UNet2DModel(unet, new StateDictParameters(weights, "released model"));
        EmaWeights ema = EmaWeights.copyOf(released.parameters(), config.emaDecay());
        return new DdpmTrainer(unet, config, data, model, ema, EmaWeights.matureAge(config.emaDecay()),
                Randomness.generator(noiseSeed(config.seed())), new LossHistory(), 0);
    }

    /** As {@link #resume(Checkpoint, UNet2DConfig, TrainingConfig, TrainingData)} with the saved configs. */
    public static DdpmTrainer resume(Checkpoint checkpoint, TrainingData data) {
        return resume(checkpoint, checkpoint.unet(), checkpoint.training(), data);
    }

    /** One optimiser step on the batch for the current step; returns its loss. */
    public double trainStep() {
        double loss;
        try (PointerScope scope = new PointerScope()) {
            Tensor x0 = checkedBatch(data.batch(step, config.batchSize()));
            Tensor lossTensor = objective.ddpmLoss(model, x0, generator);
            loss = lossTensor.item_double();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("the loss is " + loss + " at step " + (step + 1)
                        + "; the weights have diverged (try a lower learning rate)");
            }
            if (step == firstStep) {
                checkReverseKernels(x0);
            }
            ReverseKernels.run(() -> {
                lossTensor.backward();
                return null;
            });
            gradNorm = clipGradients();
            learningRate = config.schedule().at(step);
            optimizer.param_groups().get(0).options().set_lr(learningRate);
            optimizer.step();
            optimizer.zero_grad(true);
        }
        ema.emaUpdate(parameters, emaAgeAtStart + step);
        losses.add(loss);
        step++;
        return loss;
    }

    /**
     * The gradients below the output layer come through the convolutions' input-gradient kernels: before the
     * first step, the adjoint identity of the model's input gradient is checked at the training batch, which also
     * moves this process to portable kernels where oneDNN's are wrong ({@link ReverseKernels}).
     */
    private void checkReverseKernels(Tensor x0) {
        Tensor t = torch.full(new long[] {x0.size(0)}, new Scalar(objective.schedule().numTrainTimesteps() / 2),
                new TensorOptions(torch.ScalarType.Long));
        JacobianProducts.checkReverseKernels(x -> model.predictNoise(x, t.narrow(0, 0, x.size(0))), x0);
    }

    private Tensor checkedBatch(Tensor x0) {
        long[] expected = {config.batchSize(), unet.inChannels(), unet.sampleSize(), unet.sampleSize()};
        if (!Arrays.equals(x0.shape(), expected)) {
            throw new IllegalStateException("training data gave a batch of shape " + Arrays.toString(x0.shape())
                    + ", the model needs " + Arrays.toString(expected));
        }
        return x0.to(torch.ScalarType.Float);
    }

    /** Clips the gradients' global L2 norm to the configured maximum; returns the norm before. */
    private double clipGradients() {
        // With clipping off, the scale factor is exactly 1: the norm is still worth reporting.
        double max = config.maxGradNorm() > 0 ? config.maxGradNorm() : Double.MAX_VALUE;
        return torch.clip_grad_norm_(parameterList, max);
    }

    /** A snapshot of the full state, independent of further steps. */
    public Checkpoint checkpoint() {
        return new Checkpoint(step, emaAgeAtStart, unet, config, snapshot(parameters), snapshot(ema.weights()),
                AdamWState.save(optimizer), generator.get_state(), losses.toTensor());
    }

    /** Writes the EMA weights as a diffusers model folder with its DDIM scheduler config. */
    public void exportDiffusers(Path dir) {
        DiffusersExport.write(dir, unet, ema.weights(), objective.schedule());
    }

    /** Optimiser steps done so far. */
    public long step() {
        return step;
    }

    public TrainingConfig config() {
        return config;
    }

    public UNet2DConfig unetConfig() {
        return unet;
    }

    /** The model being trained; its parameters require gradients. */
    public UNet2DModel model() {
        return model;
    }

    /** A model on the EMA weights, which follow every step. */
    public UNet2DModel emaModel() {
        return emaModel;
    }

    public LossHistory losses() {
        return losses;
    }

    /** The AdamW state as {@link AdamWState#save} writes it. */
    public Tensor optimizerState() {
        return AdamWState.save(optimizer);
    }

    /** The learning rate of the last step (NaN before the first). */
    public double learningRate() {
        return learningRate;
    }

    /** The global gradient norm of the last step before clipping (NaN before the first). */
    public double gradNorm() {
        return gradNorm;
    }

    private static AdamW adamW(TensorVector parameters, TrainingConfig config) {
        // betas (0.9, 0.999) and eps 1e-8 are libtorch's defaults, as in PyTorch; betas are left
        // alone because Java sees the std::tuple behind them as raw doubles in libstdc++'s order.
        AdamWOptions options = new AdamWOptions(config.learningRate());
        // libtorch's default weight decay is 1e-2; the config says what it means, 0 included.
        options.weight_decay().put(config.weightDecay());
        AdamW optimizer = new AdamW(parameters, options);
        optimizer.retainReference();
        return optimizer;
    }

    private static Map<String, Tensor> snapshot(Map<String, Tensor> tensors) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            tensors.forEach((name, t) -> copies.put(name, t.detach().clone()));
        }
        return copies;
    }

    /** The timestep-and-noise stream gets its own seed, apart from the weights' initialisation. */
    private static long noiseSeed(long seed) {
        return seed ^ 0x6E6F697365L; // "noise"
    }
}
