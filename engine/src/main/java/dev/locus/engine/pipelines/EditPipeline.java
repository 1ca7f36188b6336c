package dev.locus.engine.pipelines;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.LocoPreset;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.models.Denoiser;
import dev.locus.engine.models.HSpaceDenoiser;
import dev.locus.engine.schedulers.DdimStep;
import dev.locus.engine.schedulers.DdimUpdate;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.engine.torch.Randomness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Applies stored directions to an image: DDIM inversion to the highest level any direction needs,
 * then sampling back with the edits in place. x_t-space directions are added once, when
 * sampling passes their timestep (x'_t = x_t + sum lambda_i v_i); h-space directions are added
 * to the mid-block output at every step from their timestep down to 0 (sum alpha_i v_i), and
 * need the inversion to reach x_T, as in Asyrp and JIVE: sampling from there passes through the
 * x_t their directions were found at.
 *
 * <p>Every row of the batch is its own composition of terms, so a strength sweep or several
 * edits of one image run as one batched sampling pass.
 */
public final class EditPipeline {

    /** Strength times one vector of a basis. */
    public record Term(DirectionBasis basis, int index, double strength) {}

    private final Denoiser model;
    private final String modelFingerprint;
    private final DdimTrajectory trajectory;

    public EditPipeline(Denoiser model, String modelFingerprint, DdimTrajectory trajectory) {
        this.model = model;
        this.modelFingerprint = modelFingerprint;
        this.trajectory = trajectory;
    }

    /** One composition applied with each strength in {@code strengths} to a single-term edit. */
    public static List<List<Term>> sweep(DirectionBasis basis, int index, double[] strengths) {
        List<List<Term>> rows = new ArrayList<>();
        for (double s : strengths) {
            rows.add(List.of(new Term(basis, index, s)));
        }
        return rows;
    }

    /**
     * One row with every term when {@code strengths} is null or empty; otherwise one row per
     * strength, each the whole composition with the first term's strength replaced.
     */
    public static List<List<Term>> sweepFirst(List<Term> terms, List<Double> strengths) {
        if (strengths == null || strengths.isEmpty()) {
            return List.of(List.copyOf(terms));
        }
        List<List<Term>> rows = new ArrayList<>();
        for (double strength : strengths) {
            List<Term> row = new ArrayList<>(terms);
            row.set(0, new Term(terms.get(0).basis(), terms.get(0).index(), strength));
            rows.add(row);
        }
        return rows;
    }

    /**
     * @param images [B, C, H, W] in [-1, 1]; every row of edits is applied to every image, so a direction
     *               transfers to B faces with one batched inversion and one batched sampling pass
     * @param rows   one composition of terms per output image (an empty row reconstructs the image)
     * @return [B * rows, C, H, W] in [-1, 1], image-major: image b's rows are b * rows ... (b + 1) * rows - 1
     */
    public Tensor apply(Tensor images, List<List<Term>> rows, long seed, StepListener listener) {
        return sample(invert(images, rows, listener), rows, seed, listener);
    }

    /**
     * The DDIM inversion {@link #apply} starts from: {@code images} at the highest level any term of
     * {@code rows} needs (t_edit 0.6 when no row has a term). Callers that edit the same images many
     * times, as a benchmark does, invert once and {@link #sample} each set of rows from it.
     */
    public DdimPipeline.Latent invert(Tensor images, List<List<Term>> rows, StepListener listener) {
        if (rows.isEmpty()) {
            throw new InvalidInputException("no edit to apply");
        }
        rows.forEach(row -> row.forEach(this::check));
        return new DdimPipeline(model, trajectory).invert(images, inversionLevel(rows), listener);
    }

    /** The level {@link #invert} takes images to for {@code rows}: the highest any term needs, or LOCO's t_edit. */
    public double inversionLevel(List<List<Term>> rows) {
        return levelNeeded(rows, trajectory.levelNearest(LocoPreset.REFERENCE.tEdit()));
    }

    /** Samples every row of edits from every image of an inversion; the output is laid out as {@link #apply}'s. */
    public Tensor sample(DdimPipeline.Latent inverted, List<List<Term>> rows, long seed, StepListener listener) {
        if (rows.isEmpty()) {
            throw new InvalidInputException("no edit to apply");
        }
        rows.forEach(row -> row.forEach(this::check));
        double top = inverted.timestep();
        double needed = levelNeeded(rows, top);
        if (needed > top) {
            throw new InvalidInputException("an edit at timestep " + needed + " needs an inversion to at least that"
                    + " level; this one stops at " + top);
        }
        Tensor xt = inverted.sample();
        int imageCount = (int) xt.size(0);
        Tensor batch = xt.repeat_interleave(rows.size(), new LongOptional(0), new LongOptional());
        List<List<Term>> allRows = new ArrayList<>();
        for (int b = 0; b < imageCount; b++) {
            allRows.addAll(rows);
        }

        // stochastic steps give every row of an image the same noise: rows then differ by their edit alone, and
        // an image for one strength does not depend on which other strengths share the batch
        Generator generator = Randomness.generator(seed);
        int rowsPerImage = rows.size();
        DdimUpdate.Noise sharedNoise = shape -> {
            long[] perImage = shape.clone();
            perImage[0] = imageCount;
            return Randomness.randn(generator, perImage)
                    .repeat_interleave(rowsPerImage, new LongOptional(0), new LongOptional());
        };
        StepHook edits = new StepHook() {
            @Override
            public Tensor sampleAt(DdimStep step, Tensor sample) {
                return addXtTerms(sample, allRows, step.timestep());
            }

            @Override
            public Denoiser denoiserAt(DdimStep step, Denoiser denoiser, Tensor sample) {
                return hSpaceShifted(denoiser, allRows, step.timestep(), sample);
            }
        };
        Tensor edited = DdimLoop.run(model, batch, trajectory.sampling(top), trajectory.samplingUpdate(), sharedNoise,
                "sampling", listener, edits);
        batch.close(); // the repeated inversion: the caller's own inversion lives on
        return edited;
    }

    /**
     * The level the inversion must reach, or {@code whenNone} without terms: an x_t term's own level; for
     * an h-space term the top, since h-space edits start from x_T and inject from their timestep down.
     */
    private double levelNeeded(List<List<Term>> rows, double whenNone) {
        return rows.stream().flatMap(List::stream)
                .mapToDouble(t -> t.basis().space() == DirectionSpace.H ? trajectory.topLevel()
                        : trajectory.levelAtOrBelow(t.basis().level()))
                .max().orElse(whenNone);
    }

    private void check(Term term) {
        DirectionBasis basis = term.basis();
        if (!basis.modelFingerprint().equals(modelFingerprint)) {
            throw new InvalidInputException("direction " + basis.method() + " was found on model "
                    + basis.modelFingerprint() + ", not on this model (" + modelFingerprint + ")");
        }
        basis.vector(term.index());
        if (!Double.isFinite(term.strength())) {
            throw new InvalidInputException("strength must be finite, got " + term.strength());
        }
        // an x_t direction belongs to the x_t of its own timestep; snapped to another level it is another edit
        if (basis.space() == DirectionSpace.X_T && Math.abs(trajectory.levelAtOrBelow(basis.level()) - basis.level()) > 1e-6) {
            throw new InvalidInputException("direction " + basis.method() + " was found at timestep "
                    + basis.level() + " (schedule " + basis.schedule().describe() + "), which is not a step of this edit's "
                    + "schedule (" + trajectory.schedule().describe() + "); edit with a schedule that has it, such as the "
                    + "direction's own");
        }
        if (basis.space() == DirectionSpace.H && model.hSpace().isEmpty()) {
            throw new InvalidInputException("h-space directions need a model with an h-space, such as a UNet2DModel");
        }
    }

    /** x_t + sum lambda v for the x_t-space terms whose level is this step's. */
    private Tensor addXtTerms(Tensor batch, List<List<Term>> rows, double level) {
        Tensor delta = deltas(rows, DirectionSpace.X_T, t -> Math.abs(trajectory.levelAtOrBelow(t.basis().level()) - level) < 1e-6,
                batch.shape(), batch);
        return delta == null ? batch : batch.add(delta);
    }

    /** The model with sum alpha v added to h for the h-space terms active at this level. */
    private static Denoiser hSpaceShifted(Denoiser model, List<List<Term>> rows, double level, Tensor batch) {
        Optional<HSpaceDenoiser> hSpace = model.hSpace();
        if (hSpace.isEmpty()) {
            return model;
        }
        Tensor delta = deltas(rows, DirectionSpace.H, t -> level <= t.basis().level() + 1e-6, null, batch);
        return delta == null ? model : hSpace.get().shifted(delta);
    }

    private static Tensor deltas(List<List<Term>> rows, DirectionSpace space, java.util.function.Predicate<Term> active,
                                 long[] batchShape, Tensor like) {
        boolean any = rows.stream().flatMap(List::stream).anyMatch(t -> t.basis().space() == space && active.test(t));
        if (!any) {
            return null;
        }
        List<Tensor> perRow = new ArrayList<>();
        long[] vectorShape = null;
        for (List<Term> row : rows) {
            Tensor sum = null;
            for (Term term : row) {
                if (term.basis().space() == space && active.test(term)) {
                    Tensor v = term.basis().vector(term.index()).to(like.device(), like.scalar_type()).mul(new Scalar(term.strength()));
                    sum = sum == null ? v : sum.add(v);
                    vectorShape = v.shape();
                }
            }
            perRow.add(sum);
        }
        for (int i = 0; i < perRow.size(); i++) {
            if (perRow.get(i) == null) {
                perRow.set(i, torch.zeros(vectorShape, like.options()));
            }
        }
        return torch.stack(new TensorVector(perRow.toArray(new Tensor[0])), 0);
    }
}
