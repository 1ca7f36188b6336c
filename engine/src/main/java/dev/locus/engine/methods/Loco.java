package dev.locus.engine.methods;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.api.LocoPreset;
import dev.locus.engine.api.Method;
import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.models.Denoiser;
import dev.locus.engine.models.PosteriorMean;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.engine.torch.Linalg;
import dev.locus.engine.torch.Scopes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * LOCO (Algorithm 1): local edit directions of an unconditional model at one timestep.
 *
 * <ol>
 *   <li>x_t = DDIM-inversion of the image to t_edit;</li>
 *   <li>top-k right singular vectors of J_roi = d (M f(x_t)) / d x_t and top-r' of
 *       J_out = d ((1-M) f(x_t)) / d x_t, f the posterior mean, by the power method;</li>
 *   <li>v_p = (I - V_out V_out^T) v, normalised: moving along v_p changes the region and, to
 *       first order, nothing outside it.</li>
 * </ol>
 *
 * <p>{@link Target#NOISE} differentiates the noise prediction eps(x_t, t) instead of f (the
 * "d eps / d x_t" variant of the LOCO paper's ablation table). Since f = (x_t - sqrt(1 - abar) eps)
 * / sqrt(abar), J_f = (I - sqrt(1 - abar) J_eps) / sqrt(abar): the two differ by the identity term,
 * which for a masked map favours directions that live in the region itself.
 */
public final class Loco {

    /**
     * @param tEdit      t_edit as a fraction of the training timesteps (reference: 0.6)
     * @param rank       k, directions in the region of interest
     * @param nullRank   r', the dimension of the complement's subspace projected out
     * @param chunkSize  most vectors per batched Jacobian pass
     * @param target     the map whose Jacobian is taken: the posterior mean f (LOCO, the default)
     *                   or the noise prediction eps
     */
    public record Options(double tEdit, int rank, int nullRank, boolean nullSpaceProjection,
                          int minIterations, int maxIterations, double tolerance, int chunkSize, long seed,
                          Target target) {

        public Options {
            if (target == null) {
                throw new IllegalArgumentException("target must be given");
            }
        }

        /** The paper's LOCO: Jacobians of the posterior mean. */
        public Options(double tEdit, int rank, int nullRank, boolean nullSpaceProjection,
                       int minIterations, int maxIterations, double tolerance, int chunkSize, long seed) {
            this(tEdit, rank, nullRank, nullSpaceProjection, minIterations, maxIterations, tolerance, chunkSize,
                    seed, Target.POSTERIOR_MEAN);
        }

        public Options withTarget(Target newTarget) {
            return new Options(tEdit, rank, nullRank, nullSpaceProjection, minIterations, maxIterations, tolerance,
                    chunkSize, seed, newTarget);
        }

        /** The reference code's iterations and tolerance ({@link LocoPreset#REFERENCE}) with these choices. */
        public static Options reference(double tEdit, int rank, int nullRank, long seed) {
            LocoPreset preset = LocoPreset.REFERENCE;
            return new Options(tEdit, rank, nullRank, true, preset.minIterations(), preset.maxIterations(),
                    preset.tolerance(), 16, seed);
        }

        public Options withNullSpaceProjection(boolean projection) {
            return new Options(tEdit, rank, nullRank, projection, minIterations, maxIterations, tolerance, chunkSize,
                    seed, target);
        }

        Map<String, String> describe() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("timestep_fraction", Double.toString(tEdit));
            out.put("rank", Integer.toString(rank));
            out.put("null_rank", Integer.toString(nullRank));
            out.put("null_space_projection", Boolean.toString(nullSpaceProjection));
            out.put("min_iterations", Integer.toString(minIterations));
            out.put("max_iterations", Integer.toString(maxIterations));
            out.put("tolerance", Double.toString(tolerance));
            out.put("seed", Long.toString(seed));
            if (target != Target.POSTERIOR_MEAN) {
                // Only the variant is labelled, so the default's parameters (and what hashes them) stay as they were.
                out.put("differentiated", target.id());
            }
            return out;
        }
    }

    /** Which map LOCO differentiates with respect to x_t. */
    public enum Target {
        /** f(x_t) = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t), the paper's choice. */
        POSTERIOR_MEAN("posterior_mean"),
        /** eps(x_t, t) itself: the "d eps / d x_t" ablation. */
        NOISE("noise");

        private final String id;

        Target(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final Denoiser model;
    private final DdimTrajectory trajectory;
    private final String modelFingerprint;

    public Loco(Denoiser model, DdimTrajectory trajectory, String modelFingerprint) {
        this.model = model;
        this.trajectory = trajectory;
        this.modelFingerprint = modelFingerprint;
    }

    /**
     * @param image [1, C, H, W] in [-1, 1]
     * @param mask  [1, 1, H, W], 1 inside the region of interest
     */
    public DirectionBasis discover(Tensor image, Tensor mask, Options options, StepListener listener) {
        checkInputs(image, mask, options);
        DdimPipeline.Latent latent = new DdimPipeline(model, trajectory)
                .invert(image, trajectory.levelNearest(options.tEdit()), listener);
        Tensor xt = latent.sample();
        Tensor roi = mask.to(xt.device(), xt.scalar_type());
        Tensor outside = roi.neg().add(new Scalar(1.0));

        PowerMethod.Result inside;
        try (JacobianProducts roiJacobian = jacobian(xt, latent.timestep(), roi, options)) {
            inside = PowerMethod.topSingularVectors(roiJacobian, powerOptions(options, options.rank(), 0),
                    "power-iteration:roi", listener);
        }
        PowerMethod.Result complement = null;
        Tensor vectors = inside.vectors();
        if (options.nullSpaceProjection()) {
            try (JacobianProducts outsideJacobian = jacobian(xt, latent.timestep(), outside, options)) {
                complement = PowerMethod.topSingularVectors(outsideJacobian,
                        powerOptions(options, options.nullRank(), 1), "power-iteration:complement", listener);
            }
            vectors = nullSpaceProject(inside.vectors(), complement.vectors());
        }
        long[] shape = {vectors.size(0), image.size(1), image.size(2), image.size(3)};
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < vectors.size(0); i++) {
            labels.add("roi/" + i);
        }
        Method method = Method.loco(options.target() == Target.NOISE, options.nullSpaceProjection());
        return new DirectionBasis(method,
                vectors.reshape(shape), inside.vectors().reshape(shape), inside.singularValues(),
                complement == null ? null : complement.vectors(),
                complement == null ? null : complement.singularValues(),
                labels, options.describe(), modelFingerprint, latent.timestep(), trajectory.schedule(),
                TensorHash.sha256(mask), TensorHash.sha256(image));
    }

    /**
     * What {@link #discover} without null-space projection returns, taken from a projected run's raw
     * vectors: the region of interest's power method is the same (same options, same seed) with or
     * without the projection, so a benchmark that needs both pays for it once.
     */
    public static DirectionBasis unprojected(DirectionBasis projected) {
        if (!projected.method().nullSpaceProjected()) {
            throw new IllegalArgumentException("expected a null-space projected LOCO basis, got " + projected.method());
        }
        Map<String, String> parameters = new LinkedHashMap<>(projected.parameters());
        parameters.put("null_space_projection", "false");
        return new DirectionBasis(projected.method().withoutNullSpace(), projected.rawVectors(),
                projected.rawVectors(), projected.singularValues(), null, null, projected.labels(), parameters,
                projected.modelFingerprint(), projected.level(), projected.schedule(), projected.maskHash(),
                projected.sourceImageHash());
    }

    /**
     * v_p = v - (v V_out^T) V_out, rows normalised, then signed again ({@link Linalg#signConvention}): projection
     * can leave a vector's largest entry negative, and these are the vectors edits add.
     */
    public static Tensor nullSpaceProject(Tensor vectors, Tensor nullBasis) {
        return Scopes.compute(() -> {
            Tensor projected = vectors.sub(vectors.matmul(nullBasis.t()).matmul(nullBasis));
            Tensor norms = projected.norm(new ScalarOptional(new Scalar(2)), new long[] {1}, true);
            return Linalg.withSignConvention(projected.div(norms.clamp_min(new Scalar(1e-12))));
        });
    }

    /** J of x -> mask * f(x_t) (or mask * eps(x_t, t) for {@link Target#NOISE}) at x_t. */
    JacobianProducts jacobian(Tensor xt, double timestep, Tensor mask, Options options) {
        PosteriorMean posteriorMean = new PosteriorMean(model, trajectory.noiseSchedule());
        boolean fractional = trajectory.fractionalTimesteps();
        DifferentiableMap masked = batch -> {
            Tensor t = fractional
                    ? torch.full(new long[] {batch.size(0)}, new Scalar(timestep), new TensorOptions(torch.ScalarType.Float))
                    : torch.full(new long[] {batch.size(0)}, new Scalar((long) timestep), new TensorOptions(torch.ScalarType.Long));
            Tensor steps = t.to(batch.device(), t.scalar_type());
            Tensor mapped = options.target() == Target.NOISE
                    ? model.predictNoise(batch, steps)
                    : posteriorMean.apply(batch, steps);
            return mapped.mul(mask);
        };
        return new JacobianProducts(masked, xt, options.chunkSize());
    }

    private static PowerMethod.Options powerOptions(Options options, int rank, long seedOffset) {
        return new PowerMethod.Options(rank, options.minIterations(), options.maxIterations(), options.tolerance(),
                options.seed() + seedOffset);
    }

    /**
     * Refuses, before any work, what cannot give a basis: shapes that do not match, a mask that selects nothing or
     * everything, and ranks above the rank the masked Jacobian can have (its rows: the values the mask selects).
     */
    private static void checkInputs(Tensor image, Tensor mask, Options options) {
        if (image.dim() != 4 || image.size(0) != 1) {
            throw new InvalidInputException("image must be [1, C, H, W], got " + java.util.Arrays.toString(image.shape()));
        }
        if (mask.dim() != 4 || mask.size(1) != 1 || mask.size(2) != image.size(2) || mask.size(3) != image.size(3)) {
            throw new InvalidInputException("mask must be [1, 1, " + image.size(2) + ", " + image.size(3) + "], got "
                    + java.util.Arrays.toString(mask.shape()));
        }
        long channels = image.size(1);
        long inside = mask.gt(new Scalar(0.0)).sum().item_long();
        long outside = mask.lt(new Scalar(1.0)).sum().item_long();
        if (inside == 0) {
            throw new InvalidInputException("the mask selects no pixel");
        }
        if (outside == 0) {
            throw new InvalidInputException("the mask covers the whole image: there is no outside to keep fixed");
        }
        if (options.rank() > inside * channels) {
            throw new InvalidInputException("rank " + options.rank() + " exceeds the " + inside * channels
                    + " values the mask selects (" + inside + " pixels x " + channels + " channels)");
        }
        if (options.nullSpaceProjection() && options.nullRank() > outside * channels) {
            throw new InvalidInputException("null rank " + options.nullRank() + " exceeds the " + outside * channels
                    + " values outside the mask (" + outside + " pixels x " + channels + " channels)");
        }
    }
}
