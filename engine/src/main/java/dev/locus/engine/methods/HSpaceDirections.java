package dev.locus.engine.methods;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.api.JivePreset;
import dev.locus.engine.api.Method;
import dev.locus.engine.api.Regions;
import dev.locus.engine.methods.jacobian.DifferentiableMap;
import dev.locus.engine.methods.jacobian.JacobianProducts;
import dev.locus.engine.models.unet2d.UNet2DModel;
import dev.locus.engine.pipelines.DdimLoop;
import dev.locus.engine.pipelines.DdimPipeline;
import dev.locus.engine.pipelines.StepListener;
import dev.locus.engine.schedulers.DdimStep;
import dev.locus.engine.schedulers.DdimTrajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Region directions in h-space, the UNet's mid-block output (Kouzelis et al., JIVE; Haas et al.
 * as the baseline without JIVE).
 *
 * <ol>
 *   <li>x_t by DDIM inversion; h = encode(x_t, t);</li>
 *   <li>per region i, the top-r SVD of J_i = d (M_i eps(x_t | h)) / d h by the power method;</li>
 *   <li>reduction X_i = S_i V_i^T (rows keep the geometry of J_i's columns);</li>
 *   <li>iterative JIVE on the X_i: joint rows V_C (global edits) and individual rows V_A(i)
 *       (local edits of region i). Without JIVE, the top r_A rows V_i per region.</li>
 * </ol>
 */
public final class HSpaceDirections {

    /** A named region of the image, mask [1, 1, H, W]. */
    public record Region(String name, Tensor mask) {}

    /**
     * @param rank           r, singular vectors per region Jacobian (paper: 50)
     * @param jointRank      r_C (paper: 30)
     * @param individualRank r_A (paper: 5)
     * @param jive           false: Haas et al.'s per-region SVD directions, no JIVE
     * @param tolerance      the subspace iteration stops once the singular values change by less than this,
     *                       relative (methods.md: "stop when singular values stop changing")
     */
    public record Options(double tEdit, int rank, int jointRank, int individualRank, boolean jive,
                          int minIterations, int maxIterations, double tolerance, int jiveIterations,
                          int chunkSize, long seed) {

        /** The JIVE paper's settings ({@link JivePreset#PAPER}) at this t_edit and seed. */
        public static Options paper(double tEdit, long seed) {
            JivePreset p = JivePreset.PAPER;
            return new Options(tEdit, p.jacobianRank(), p.jointRank(), p.individualRank(), true, p.minIterations(),
                    p.maxIterations(), p.tolerance(), p.jiveIterations(), 25, seed);
        }

        /** These options with the ranks r, r_C and r_A. */
        public Options withRanks(int newRank, int newJointRank, int newIndividualRank) {
            return new Options(tEdit, newRank, newJointRank, newIndividualRank, jive, minIterations, maxIterations,
                    tolerance, jiveIterations, chunkSize, seed);
        }

        /** JIVE, or with {@code false} the Haas baseline. */
        public Options withJive(boolean split) {
            return new Options(tEdit, rank, jointRank, individualRank, split, minIterations, maxIterations, tolerance,
                    jiveIterations, chunkSize, seed);
        }

        Map<String, String> describe() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("timestep_fraction", Double.toString(tEdit));
            out.put("rank", Integer.toString(rank));
            out.put("joint_rank", Integer.toString(jointRank));
            out.put("individual_rank", Integer.toString(individualRank));
            out.put("jive", Boolean.toString(jive));
            out.put("seed", Long.toString(seed));
            return out;
        }
    }

    private final UNet2DModel model;
    private final DdimTrajectory trajectory;
    private final String modelFingerprint;

    public HSpaceDirections(UNet2DModel model, DdimTrajectory trajectory, String modelFingerprint) {
        this.model = model;
        this.trajectory = trajectory;
        this.modelFingerprint = modelFingerprint;
    }

    /**
     * The top-r right singular vectors of each region's h-space Jacobian at the image's x_t: the part JIVE and the
     * Haas baseline share (same options but {@code jive}, same result), so a comparison can compute it once.
     */
    public record RegionSvds(Tensor image, List<Region> regions, DdimPipeline.Latent latent, long[] hShape,
                             List<PowerMethod.Result> perRegion) {}

    /**
     * JIVE's regions partition the image: what the given masks leave uncovered becomes one more region, "rest",
     * so that each region's individual directions are kept off the rest of the image too (eyes and mouth alone
     * would otherwise leave the skin, hair and background free to change).
     */
    static List<Region> coveringTheImage(List<Region> regions) {
        Tensor union = null;
        for (Region region : regions) {
            Tensor inside = region.mask().gt(new org.bytedeco.pytorch.Scalar(0.5));
            union = union == null ? inside : union.logical_or(inside);
        }
        long uncovered = union.numel() - union.sum().item_long();
        if (uncovered == 0) {
            return regions;
        }
        if (regions.stream().anyMatch(r -> r.name().equals(Regions.REST))) {
            throw new InvalidInputException("the regions leave " + uncovered + " pixels uncovered, and the name '"
                    + Regions.REST + "' that would cover them is taken: JIVE needs regions that cover the image");
        }
        List<Region> covering = new ArrayList<>(regions);
        covering.add(new Region(Regions.REST, union.logical_not().to(regions.get(0).mask().scalar_type())));
        return covering;
    }

    public DirectionBasis discover(Tensor image, List<Region> regions, Options options, StepListener listener) {
        return directions(regionSvds(image, regions, options, listener), options);
    }

    public RegionSvds regionSvds(Tensor image, List<Region> requested, Options options, StepListener listener) {
        if (requested.isEmpty()) {
            throw new InvalidInputException("at least one region is needed");
        }
        List<Region> regions = coveringTheImage(requested);
        checkRanks(image, regions, options);
        DdimPipeline.Latent latent = new DdimPipeline(model, trajectory)
                .invertAndDenoiseTo(image, trajectory.levelNearest(options.tEdit()), listener);
        Tensor xt = latent.sample();
        Tensor t = DdimLoop.timesteps(new DdimStep(latent.timestep(), trajectory.fractionalTimesteps(), 1f, 1f, 0), xt);
        UNet2DModel.Encoded encoded;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            encoded = model.encode(xt, t);
        }
        List<PowerMethod.Result> perRegion = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            Tensor mask = region.mask().to(xt.device(), xt.scalar_type());
            try (JacobianProducts jacobian = new JacobianProducts(maskedDecoder(encoded, mask), encoded.h(),
                    options.chunkSize())) {
                perRegion.add(PowerMethod.topSingularVectors(jacobian,
                        new PowerMethod.Options(options.rank(), options.minIterations(), options.maxIterations(),
                                options.tolerance(), options.seed() + i, PowerMethod.Stop.SINGULAR_VALUES),
                        "power-iteration:" + region.name(), listener));
            }
        }
        return new RegionSvds(image, List.copyOf(regions), latent, encoded.h().shape(), List.copyOf(perRegion));
    }

    /**
     * Refuses, before any work, ranks a region's Jacobian cannot have: its rows are the values the region selects,
     * and JIVE's individual directions come from the r singular vectors of each region.
     */
    private static void checkRanks(Tensor image, List<Region> regions, Options options) {
        long channels = image.size(1);
        for (Region region : regions) {
            long pixels = region.mask().gt(new org.bytedeco.pytorch.Scalar(0.0)).sum().item_long();
            if (pixels == 0) {
                throw new InvalidInputException("region '" + region.name() + "' selects no pixel");
            }
            if (options.rank() > pixels * channels) {
                throw new InvalidInputException("rank " + options.rank() + " exceeds the " + pixels * channels
                        + " values region '" + region.name() + "' selects (" + pixels + " pixels x " + channels
                        + " channels)");
            }
        }
        if (options.individualRank() > options.rank()) {
            throw new InvalidInputException("individual rank " + options.individualRank() + " exceeds the rank "
                    + options.rank() + " of each region's directions");
        }
    }

    /** JIVE's individual and joint directions, or without JIVE the top r_A of each region's SVD (Haas et al.). */
    public DirectionBasis directions(RegionSvds svds, Options options) {
        List<Region> regions = svds.regions();
        List<PowerMethod.Result> perRegion = svds.perRegion();
        long[] hShape = svds.hShape();
        List<Tensor> reduced = new ArrayList<>();
        for (PowerMethod.Result svd : perRegion) {
            reduced.add(svd.vectors().mul(svd.singularValues().unsqueeze(1)));
        }

        List<Tensor> vectors = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (options.jive()) {
            int jointRank = Math.min(options.jointRank(), reduced.stream().mapToInt(r -> (int) r.size(0)).sum());
            Jive.Result jive = Jive.decompose(reduced, jointRank, options.individualRank(), options.jiveIterations(), 1e-6);
            for (int i = 0; i < regions.size(); i++) {
                add(vectors, values, labels, jive.individualRows().get(i), jive.individualValues().get(i),
                        regions.get(i).name() + "/individual/");
            }
            add(vectors, values, labels, jive.jointRows(), jive.jointValues(), "joint/");
        } else {
            for (int i = 0; i < regions.size(); i++) {
                PowerMethod.Result svd = perRegion.get(i);
                int rank = (int) Math.min(options.individualRank(), svd.vectors().size(0));
                add(vectors, values, labels, svd.vectors().narrow(0, 0, rank), svd.singularValues().narrow(0, 0, rank),
                        regions.get(i).name() + "/svd/");
            }
        }
        long[] shape = {labels.size(), hShape[1], hShape[2], hShape[3]};
        Tensor all = torch.cat(new TensorVector(vectors.toArray(new Tensor[0])), 0).reshape(shape);
        Map<String, String> params = options.describe();
        params.put("regions", String.join(",", regions.stream().map(Region::name).toList()));
        return new DirectionBasis(Method.hSpace(options.jive()), all, all,
                torch.cat(new TensorVector(values.toArray(new Tensor[0])), 0), null, null, labels, params,
                modelFingerprint, svds.latent().timestep(), trajectory.schedule(),
                TensorHash.sha256(torch.stack(new TensorVector(regions.stream().map(Region::mask).toArray(Tensor[]::new)), 0)),
                TensorHash.sha256(svds.image()));
    }

    /** h -> M * eps(x_t | h), batched over h with the encoder's skips and time embedding shared. */
    private DifferentiableMap maskedDecoder(UNet2DModel.Encoded encoded, Tensor mask) {
        return h -> {
            long k = h.size(0);
            List<Tensor> skips = new ArrayList<>();
            for (Tensor skip : encoded.skips()) {
                skips.add(skip.expand(k, skip.size(1), skip.size(2), skip.size(3)));
            }
            Tensor temb = encoded.temb().expand(k, encoded.temb().size(1));
            return model.decode(new UNet2DModel.Encoded(h, skips, temb), h).mul(mask);
        };
    }

    private static void add(List<Tensor> vectors, List<Tensor> values, List<String> labels, Tensor rows, Tensor singular,
                            String prefix) {
        vectors.add(rows);
        values.add(singular);
        for (int j = 0; j < rows.size(0); j++) {
            labels.add(prefix + j);
        }
    }
}
