package dev.locus.engine.models.analytic;

import dev.locus.engine.torch.Scopes;

import static org.bytedeco.pytorch.global.torch.ScalarType.Bool;
import static org.bytedeco.pytorch.global.torch.ScalarType.Double;
import static org.bytedeco.pytorch.global.torch.ScalarType.Float;

import dev.locus.engine.models.Denoiser;
import dev.locus.engine.schedulers.NoiseSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The mixture of low-rank Gaussians (MoLRG) of the LOCO paper (Assumption 1) as an exact
 * denoiser, so that Jacobian-based editing methods can be tested against known answers.
 *
 * <h2>Model</h2>
 * With d = C*H*W, component k (k = 1..K) has an orthonormal basis M_k (d x r_k) and weight pi_k,
 * and a clean sample is
 * <pre>
 *   k ~ Categorical(pi),   x0 = M_k a,   a ~ N(0, I_{r_k})
 * </pre>
 * a zero-mean Gaussian supported on the r_k-dimensional subspace range(M_k), with no noise off
 * it. The paper takes pi_k = 1/K (the default here) and mutually orthogonal subspaces
 * (M_i^T M_j = 0); {@link #random} and {@link #randomLocal} build orthogonal ones. The formulas
 * below are exact for any orthonormal M_k and any weights; only Theorem 1's statement about the
 * top singular subspace needs the orthogonality.
 *
 * <h2>Posterior mean (Lemma 1, eq. 7, with the normalising constants kept)</h2>
 * With x_t = sqrt(abar) x0 + sqrt(1-abar) eps, component k gives x_t ~ N(0, C_k), C_k = abar
 * M_k M_k^T + (1-abar) I. Because the eigenvalues of C_k are 1 on range(M_k) and 1-abar off it,
 * <pre>
 *   C_k^{-1} = (I - abar M_k M_k^T) / (1-abar),     log det C_k = (d - r_k) log(1-abar),
 * </pre>
 * so nothing d x d is ever formed, and
 * <pre>
 *   w_k(x_t)     = softmax_k( log pi_k + (r_k/2) log(1-abar) + abar/(2(1-abar)) ||M_k^T x_t||^2 )
 *   E[x0 | x_t]  = sqrt(abar) sum_k w_k(x_t) M_k M_k^T x_t.
 * </pre>
 * (The per-component posterior mean sqrt(abar) M_k M_k^T C_k^{-1} x_t collapses to
 * sqrt(abar) M_k M_k^T x_t.) Eq. 7 of the paper drops log pi_k and (r_k/2) log(1-abar); that is
 * exact only for equal weights and equal ranks, and the terms are kept here so that the result
 * is the true posterior mean for any ranks (the brute-force test uses ranks 2 and 3).
 *
 * <p>Everything is built from differentiable torch ops (matmul, square, softmax), so autograd
 * gives the Jacobian, and double backward works for Jacobian-vector products.
 *
 * <p>The bases are kept in float64; each call computes in the input's dtype and on its device
 * (converted copies are cached per dtype and device). Timesteps are indices into the schedule's
 * abar table (float timesteps use floor(t), as {@link NoiseSchedule#alphaBarBroadcast} does).
 * Native temporaries of each call are freed when it returns (see {@link NativeScopes}).
 */
public final class LowRankGaussianMixture implements Denoiser {

    /** Draws from the mixture, with the component each came from. */
    public record LabelledSamples(Tensor images, Tensor components) {}

    private static final double ORTHONORMALITY_TOLERANCE = 1e-5;

    private final NoiseSchedule schedule;
    private final long[] sampleShape;
    private final long dimension;
    private final int[] ranks;
    private final int[] columnOffsets;
    private final double[] weights;

    /** [M_1 | ... | M_K], float64 [d, R] with R = sum r_k: one matmul projects onto all bases. */
    private final Tensor stackedBasis;

    /**
     * 0/1 float64 [R, K]: entry (j, k) is 1 when column j of the stacked basis belongs to
     * component k. Summing per component and spreading per-component values over their columns
     * are then matmuls, which keep the graph simple to differentiate twice.
     */
    private final Tensor columnMembership;

    private final Tensor logWeights;  // float64 [K]
    private final Tensor halfRanks;   // float64 [K], r_k / 2

    /** The tables above in the dtype and on the device of the inputs seen so far. */
    private record Tables(Tensor basis, Tensor membership, Tensor logWeights, Tensor halfRanks) {}

    private final Map<String, Tables> tablesByDtypeAndDevice = new ConcurrentHashMap<>();

    /**
     * @param schedule    the forward process, abar_t
     * @param sampleShape {C, H, W}; d = C*H*W
     * @param bases       M_k, each [d, r_k] with orthonormal columns
     * @param weights     pi_k (normalised here), or null for 1/K each as in the paper
     */
    public LowRankGaussianMixture(NoiseSchedule schedule, long[] sampleShape, List<Tensor> bases,
            double[] weights) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("need at least one component");
        }
        this.schedule = schedule;
        this.sampleShape = sampleShape.clone();
        this.dimension = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
        int componentCount = bases.size();
        this.ranks = new int[componentCount];
        this.columnOffsets = new int[componentCount];
        int totalRank = 0;
        for (int k = 0; k < componentCount; k++) {
            Tensor basis = bases.get(k);
            if (basis.dim() != 2 || basis.size(0) != dimension || basis.size(1) < 1) {
                throw new IllegalArgumentException("basis " + k + " must be [" + dimension
                        + ", r_k], got " + Arrays.toString(shapeOf(basis)));
            }
            requireOrthonormalColumns(basis, k);
            ranks[k] = (int) basis.size(1);
            columnOffsets[k] = totalRank;
            totalRank += ranks[k];
        }
        this.weights = normalisedWeights(weights, componentCount);

        long[] membership = new long[totalRank];
        for (int k = 0; k < componentCount; k++) {
            Arrays.fill(membership, columnOffsets[k], columnOffsets[k] + ranks[k], k);
        }
        double[] halfRankValues = Arrays.stream(ranks).mapToDouble(r -> r / 2.0).toArray();
        double[] logWeightValues = Arrays.stream(this.weights).map(Math::log).toArray();
        Tensor[] tables = Scopes.computeAll(() -> {
            TensorVector columns = new TensorVector();
            for (Tensor basis : bases) {
                columns.push_back(basis.to(Double).cpu());
            }
            return new Tensor[] {
                torch.cat(columns, 1).contiguous(),
                torch.one_hot(torch.tensor(membership), componentCount).to(Double),
                doubleVector(logWeightValues),
                doubleVector(halfRankValues),
            };
        });
        this.stackedBasis = Scopes.owned(tables[0]);
        this.columnMembership = Scopes.owned(tables[1]);
        this.logWeights = Scopes.owned(tables[2]);
        this.halfRanks = Scopes.owned(tables[3]);
    }

    /** Equal weights 1/K, as in Assumption 1. */
    public LowRankGaussianMixture(NoiseSchedule schedule, long[] sampleShape, List<Tensor> bases) {
        this(schedule, sampleShape, bases, null);
    }

    // ---------------------------------------------------------------- construction from a seed

    /**
     * Mutually orthogonal random subspaces spread over the whole image: the Q factor of one
     * seeded [d, sum r_k] standard normal matrix, split into consecutive column blocks. Uses its
     * own CPU generator, so the global torch seed is neither used nor changed.
     */
    public static LowRankGaussianMixture random(long seed, long[] sampleShape, int[] ranks,
            NoiseSchedule schedule) {
        long dimension = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
        int totalRank = Arrays.stream(ranks).sum();
        if (totalRank > dimension) {
            throw new IllegalArgumentException("sum of ranks " + totalRank + " exceeds d = " + dimension);
        }
        List<Tensor> bases = new ArrayList<>();
        Generator generator = torch.createCPUGenerator(seed);
        Tensor q = Scopes.compute(() ->
                torch.linalg_qr(standardNormal(generator, dimension, totalRank)).get0());
        int offset = 0;
        for (int rank : ranks) {
            bases.add(q.narrow(1, offset, rank));
            offset += rank;
        }
        return new LowRankGaussianMixture(schedule, sampleShape, bases);
    }

    /**
     * Random subspaces whose basis vectors are supported only on given pixel regions, so that a
     * test can have a subspace that edits one region only. {@code regionMasks.get(k)} is a mask
     * ([H, W], [1, H, W] or [C, H, W], nonzero = inside; an [H, W] mask covers all channels).
     *
     * <p>The subspaces are made mutually orthogonal even where regions overlap (Assumption 1):
     * component k's vectors are drawn inside its region orthogonally to the restriction of the
     * earlier components' bases to that region, which is exactly M_j^T v = 0 for v supported
     * there. Disjoint regions need no correction. Uses its own seeded CPU generator.
     */
    public static LowRankGaussianMixture randomLocal(long seed, long[] sampleShape, int[] ranks,
            List<Tensor> regionMasks, NoiseSchedule schedule) {
        if (regionMasks.size() != ranks.length) {
            throw new IllegalArgumentException("one region mask per component");
        }
        long dimension = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
        Generator generator = torch.createCPUGenerator(seed);
        List<Tensor> bases = new ArrayList<>();
        for (int k = 0; k < ranks.length; k++) {
            int component = k;
            Tensor earlierBases = bases.isEmpty() ? null
                    : torch.cat(new TensorVector(bases.toArray(new Tensor[0])), 1);
            bases.add(Scopes.compute(() -> localBasis(component, ranks[component],
                    regionMasks.get(component), earlierBases, sampleShape, dimension, generator)));
        }
        return new LowRankGaussianMixture(schedule, sampleShape, bases);
    }

    private static Tensor localBasis(int component, int rank, Tensor mask, Tensor earlierBases,
            long[] sampleShape, long dimension, Generator generator) {
        Tensor support = mask.to(Bool).cpu().expand(sampleShape).reshape(-1).nonzero().reshape(-1);
        long supportSize = support.size(0);
        Tensor draw = standardNormal(generator, supportSize, rank);
        long excluded = 0;
        if (earlierBases != null) {
            // Orthonormal basis of the earlier subspaces as seen inside this region (their rows
            // on the support); the new vectors must avoid exactly these directions.
            T_TensorTensorTensor_T svd = torch.linalg_svd(earlierBases.index_select(0, support),
                    false, new StringViewOptional());
            Tensor singularValues = svd.get1();
            double cutoff = 1e-10 * Math.max(1.0, singularValues.numel() == 0 ? 0 : singularValues.max().item_double());
            excluded = singularValues.gt(new Scalar(cutoff)).sum().item_long();
            if (excluded > 0) {
                Tensor seen = svd.get0().narrow(1, 0, excluded);
                draw = draw.sub(seen.matmul(seen.t().matmul(draw)));
            }
        }
        if (supportSize - excluded < rank) {
            throw new IllegalArgumentException("region " + component + " has room for "
                    + (supportSize - excluded) + " orthogonal directions, rank " + rank + " asked");
        }
        Tensor localQ = torch.linalg_qr(draw).get0();
        return torch.zeros(new long[] {dimension, rank}, new TensorOptions(Double))
                .index_copy(0, support, localQ);
    }

    /** A [H, W] mask that is true on the rectangle rows [top, top+height), cols [left, left+width). */
    public static Tensor rectangleMask(long[] sampleShape, long top, long left, long height, long width) {
        long rows = sampleShape[sampleShape.length - 2];
        long cols = sampleShape[sampleShape.length - 1];
        return Scopes.compute(() -> {
            Tensor mask = torch.zeros(new long[] {rows, cols}, new TensorOptions(Float));
            mask.narrow(0, top, height).narrow(1, left, width).fill_(new Scalar(1.0));
            return mask.to(Bool);
        });
    }

    // ---------------------------------------------------------------- the denoiser

    /**
     * E[x0 | x_t] = sqrt(abar) sum_k w_k(x_t) M_k M_k^T x_t, differentiable in x_t.
     *
     * @param xt        [B, C, H, W] (any [B, ...] with d entries per sample), float32 or float64
     * @param timesteps [B] or a single timestep for the whole batch; int64 or floating
     * @return same shape, dtype and device as {@code xt}
     */
    public Tensor posteriorMean(Tensor xt, Tensor timesteps) {
        return Scopes.compute(() -> {
            Tensor x = flatten(xt);
            Tensor abar = alphaBar(timesteps, x);
            return posteriorMeanFlat(x, abar).reshape(shapeOf(xt));
        });
    }

    /**
     * eps(x_t) = (x_t - sqrt(abar) E[x0|x_t]) / sqrt(1-abar): the noise prediction whose PMP
     * (x_t - sqrt(1-abar) eps) / sqrt(abar) is exactly the posterior mean.
     */
    @Override
    public Tensor predictNoise(Tensor sample, Tensor timesteps) {
        return Scopes.compute(() -> {
            Tensor x = flatten(sample);
            Tensor abar = alphaBar(timesteps, x);
            Tensor signalPart = posteriorMeanFlat(x, abar).mul(abar.sqrt());
            return x.sub(signalPart).div(oneMinus(abar).sqrt()).reshape(shapeOf(sample));
        });
    }

    /** Posterior component probabilities w_k(x_t) = P(k | x_t), [B, K] in the input's dtype. */
    public Tensor responsibilities(Tensor xt, Tensor timesteps) {
        return Scopes.compute(() -> {
            Tensor x = flatten(xt);
            Tensor abar = alphaBar(timesteps, x);
            Tables tables = tablesLike(x);
            Tensor coefficients = x.matmul(tables.basis());
            return torch.softmax(componentLogits(coefficients, abar, tables), 1);
        });
    }

    /**
     * log p_t(x_t), [B], the full normalised log density of the noised mixture: its gradient is
     * the score, so Tweedie's formula E[x0|x_t] = (x_t + (1-abar) grad log p_t) / sqrt(abar)
     * can be checked against {@link #posteriorMean}.
     */
    public Tensor logDensity(Tensor xt, Tensor timesteps) {
        return Scopes.compute(() -> {
            Tensor x = flatten(xt);
            Tensor abar = alphaBar(timesteps, x);
            Tensor noiseVariance = oneMinus(abar);
            Tables tables = tablesLike(x);
            Tensor coefficients = x.matmul(tables.basis());
            // log N(x; 0, C_k) = log pi_k + [(r_k/2) log(1-abar) + abar/(2(1-abar)) ||M_k^T x||^2]
            //                    - (d/2) log(2 pi (1-abar)) - ||x||^2 / (2(1-abar)),
            // the bracket (with log pi_k) being componentLogits and the rest shared by all k.
            Tensor shared = noiseVariance.mul(new Scalar(2 * Math.PI)).log().mul(new Scalar(-0.5 * dimension))
                    .sub(x.square().sum(new long[] {1}, true, new ScalarTypeOptional())
                            .div(noiseVariance.mul(new Scalar(2.0))));
            Tensor logits = componentLogits(coefficients, abar, tables);
            return torch.logsumexp(logits, new long[] {1}, true).add(shared).reshape(-1);
        });
    }

    private Tensor posteriorMeanFlat(Tensor x, Tensor abar) {
        Tables tables = tablesLike(x);
        Tensor coefficients = x.matmul(tables.basis());                            // M^T x_t, [B, R]
        Tensor weights = torch.softmax(componentLogits(coefficients, abar, tables), 1);  // w_k, [B, K]
        Tensor weightPerColumn = weights.matmul(tables.membership().t());            // [B, R]
        return coefficients.mul(weightPerColumn).matmul(tables.basis().t()).mul(abar.sqrt());
    }

    /**
     * log pi_k + log N(x_t; 0, C_k) up to terms shared by all components:
     * log pi_k + (r_k/2) log(1-abar) + abar/(2(1-abar)) ||M_k^T x_t||^2, as [B, K].
     */
    private static Tensor componentLogits(Tensor coefficients, Tensor abar, Tables tables) {
        Tensor noiseVariance = oneMinus(abar);                                      // [B, 1]
        Tensor projectedEnergy = coefficients.square().matmul(tables.membership()); // ||M_k^T x||^2, [B, K]
        Tensor signalToNoise = abar.div(noiseVariance.mul(new Scalar(2.0)));        // abar / (2(1-abar))
        return tables.logWeights()
                .add(tables.halfRanks().mul(noiseVariance.log()))
                .add(projectedEnergy.mul(signalToNoise));
    }

    /**
     * The model's tables converted to x's dtype and device, once per (dtype, device): the
     * Jacobian methods call the posterior mean many times on the same device.
     */
    private Tables tablesLike(Tensor x) {
        String key = x.scalar_type().intern().name() + "@" + x.device().str().getString();
        return tablesByDtypeAndDevice.computeIfAbsent(key, unused -> new Tables(
                Scopes.owned(stackedBasis.to(x).contiguous()),
                Scopes.owned(columnMembership.to(x)),
                Scopes.owned(logWeights.to(x)),
                Scopes.owned(halfRanks.to(x))));
    }

    private Tensor flatten(Tensor sample) {
        if (!sample.is_floating_point()) {
            throw new IllegalArgumentException("x_t must be float32 or float64");
        }
        long batch = sample.size(0);
        if (sample.numel() != batch * dimension) {
            throw new IllegalArgumentException("expected [B, " + Arrays.toString(sampleShape)
                    + "], got " + Arrays.toString(shapeOf(sample)));
        }
        return sample.reshape(batch, dimension);
    }

    /** abar for each row of {@code x}, [B, 1] (or [1, 1] for one timestep), in x's dtype. */
    private Tensor alphaBar(Tensor timesteps, Tensor x) {
        Tensor abar = schedule.alphaBarBroadcast(timesteps.reshape(-1), 2).to(x);
        if (abar.size(0) != 1 && abar.size(0) != x.size(0)) {
            throw new IllegalArgumentException(abar.size(0) + " timesteps for a batch of " + x.size(0));
        }
        return abar;
    }

    private static long[] shapeOf(Tensor t) {
        long[] shape = new long[(int) t.dim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.size(i);
        }
        return shape;
    }

    private static Tensor oneMinus(Tensor t) {
        return t.neg().add(new Scalar(1.0));
    }

    // ---------------------------------------------------------------- sampling

    /** {@code count} clean samples x0, float32 [count, C, H, W], from their own seeded generator. */
    public Tensor sample(int count, long seed) {
        return sample(count, seed, Float);
    }

    public Tensor sample(int count, long seed, ScalarType dtype) {
        return sampleWithComponents(count, seed, dtype).images();
    }

    /** Samples with their components (int64 [count]); same draws as {@link #sample} for a seed. */
    public LabelledSamples sampleWithComponents(int count, long seed, ScalarType dtype) {
        Tensor[] drawn = Scopes.computeAll(() -> {
            Generator generator = torch.createCPUGenerator(seed);
            Tensor components = torch.multinomial(doubleVector(weights), count, true,
                    new GeneratorOptional(generator));
            // Draw a full-length latent for every sample and keep the component's coordinates.
            Tensor latent = standardNormal(generator, count, stackedBasis.size(1));
            Tensor ownColumns = torch.one_hot(components, ranks.length).to(Double)
                    .matmul(columnMembership.t());
            Tensor images = latent.mul(ownColumns).matmul(stackedBasis.t());
            long[] shape = new long[sampleShape.length + 1];
            shape[0] = count;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            return new Tensor[] {images.reshape(shape).to(dtype), components};
        });
        return new LabelledSamples(drawn[0], drawn[1]);
    }

    /** A float64 [n] tensor holding a copy of {@code values}. */
    private static Tensor doubleVector(double[] values) {
        return torch.from_blob(new DoublePointer(values), new long[] {values.length},
                new TensorOptions(Double)).clone();
    }

    private static Tensor standardNormal(Generator generator, long rows, long cols) {
        return torch.randn(new long[] {rows, cols}, new GeneratorOptional(generator),
                new TensorOptions(Double));
    }

    // ---------------------------------------------------------------- accessors

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** d = C*H*W. */
    public long dimension() {
        return dimension;
    }

    public int componentCount() {
        return ranks.length;
    }

    public int[] ranks() {
        return ranks.clone();
    }

    /** sum r_k: the bound on the rank of the posterior mean's Jacobian (Theorem 1). */
    public int totalRank() {
        return Arrays.stream(ranks).sum();
    }

    /** pi_k, normalised. */
    public double[] weights() {
        return weights.clone();
    }

    /** M_k, float64 [d, r_k] (a view of the stored bases). */
    public Tensor basis(int k) {
        return stackedBasis.narrow(1, columnOffsets[k], ranks[k]);
    }

    /** [M_1 | ... | M_K], float64 [d, sum r_k]. */
    public Tensor stackedBasis() {
        return stackedBasis;
    }

    // ---------------------------------------------------------------- validation

    private static void requireOrthonormalColumns(Tensor basis, int k) {
        double deviation = Scopes.compute(() -> {
            Tensor b = basis.to(Double).cpu();
            Tensor gram = b.t().matmul(b);
            return gram.sub(torch.eye(b.size(1), new TensorOptions(Double))).abs().max();
        }).item_double();
        if (!(deviation < ORTHONORMALITY_TOLERANCE)) {
            throw new IllegalArgumentException("basis " + k + " is not orthonormal: max |M^T M - I| = " + deviation);
        }
    }

    private static double[] normalisedWeights(double[] weights, int componentCount) {
        if (weights == null) {
            double[] uniform = new double[componentCount];
            Arrays.fill(uniform, 1.0 / componentCount);
            return uniform;
        }
        if (weights.length != componentCount) {
            throw new IllegalArgumentException(weights.length + " weights for " + componentCount + " components");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w > 0) || java.lang.Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be positive and finite: " + Arrays.toString(weights));
            }
            total += w;
        }
        double[] normalised = new double[componentCount];
        for (int k = 0; k < componentCount; k++) {
            normalised[k] = weights[k] / total;
        }
        return normalised;
    }
}
