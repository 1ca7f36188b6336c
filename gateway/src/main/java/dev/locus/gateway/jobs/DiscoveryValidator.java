package dev.locus.gateway.jobs;

import static dev.locus.gateway.jobs.Checks.intInRange;
import static dev.locus.gateway.jobs.Checks.required;

import dev.locus.common.messages.DiscoveryJob;
import dev.locus.common.registry.DirectionRef;
import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.StoredImage;
import dev.locus.engine.api.Method;
import dev.locus.engine.api.Regions;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link DiscoveryRequest} into the fully filled {@link DiscoveryJob} a worker runs, or
 * refuses it with a problem naming the field at fault.
 */
public class DiscoveryValidator {

    public static final int MAX_REGIONS = 16;
    public static final int MAX_TAGS = 20;
    public static final int MAX_DESCRIPTION = 2000;

    private final Lookups lookups;
    private final GatewayProperties.Discovery limits;

    public DiscoveryValidator(Lookups lookups, GatewayProperties.Discovery limits) {
        this.lookups = lookups;
        this.limits = limits;
    }

    public DiscoveryJob validate(UUID jobId, DiscoveryRequest r) {
        String name = required(r.name(), "name");
        try {
            DirectionRef.checkReferableName(name, "name");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("name", Reasons.MALFORMED, e.getMessage());
        }
        Method.Family method = method(r.method());
        ModelRecord model = Checks.model(lookups, r.model());
        String image = Checks.imageAtResolution(lookups, r.image(), "image", model).getId();

        double timestep = r.timestep() == null ? RequestDefaults.TIMESTEP : r.timestep();
        if (!(timestep >= RequestDefaults.MIN_TIMESTEP && timestep <= RequestDefaults.MAX_TIMESTEP)) {
            throw ApiProblem.invalid("timestep", Reasons.OUT_OF_RANGE, "timestep is a fraction of the trajectory "
                    + "between " + RequestDefaults.MIN_TIMESTEP + " and " + RequestDefaults.MAX_TIMESTEP + ", got " + timestep);
        }
        int steps = Checks.steps(r.steps());
        long seed = Checks.seed(r.seed());
        List<String> tags = tags(r.tags());
        String description = description(r.description());
        String webhookUrl = Checks.webhookUrl(r.webhookUrl());

        if (method == Method.Family.LOCO) {
            if (r.regions() != null && !r.regions().isEmpty()) {
                throw ApiProblem.invalid("regions", Reasons.NOT_ALLOWED, "regions are for JIVE; LOCO takes one mask");
            }
            notFor(r.jointRank(), "jointRank", Method.Family.JIVE);
            notFor(r.jacobianRank(), "jacobianRank", Method.Family.JIVE);
            notFor(r.jive(), "jive", Method.Family.JIVE);
            StoredImage maskImage = Checks.imageAtResolution(lookups, r.mask(), "mask", model);
            Checks.selectsARegion(lookups, maskImage, "mask", true);
            String mask = maskImage.getId();
            int rank = intInRange(r.rank(), RequestDefaults.LOCO_RANK, 1, limits.maxRank(), "rank");
            int nullRank = intInRange(r.nullRank(), RequestDefaults.NULL_RANK, 1, limits.maxNullRank(), "nullRank"); // projection: its own flag
            long inside = (long) lookups.maskPixelsInside(maskImage) * model.getInChannels();
            long outside = (long) maskImage.getWidth() * maskImage.getHeight() * model.getInChannels() - inside;
            withinRegion(rank, inside, "rank", "the mask's region");
            withinRegion(nullRank, outside, "nullRank", "what lies outside the mask");
            boolean projection = r.nullSpaceProjection() == null || r.nullSpaceProjection();
            return new DiscoveryJob(jobId, model.getId(), model.getFingerprint(), image,
                    new DiscoveryJob.LocoParams(mask, timestep, rank, nullRank, projection), steps, seed, name, tags,
                    description);
        }

        if (r.mask() != null) {
            throw ApiProblem.invalid("mask", Reasons.NOT_ALLOWED, "mask is for LOCO; JIVE takes regions [{name, mask}]");
        }
        notFor(r.nullRank(), "nullRank", Method.Family.LOCO);
        notFor(r.nullSpaceProjection(), "nullSpaceProjection", Method.Family.LOCO);
        List<DiscoveryJob.Region> regions = regions(r.regions(), model);
        int individualRank = intInRange(r.rank(), RequestDefaults.JIVE_RANK, 1, limits.maxRank(), "rank");
        int jointRank = intInRange(r.jointRank(), RequestDefaults.JOINT_RANK, 0, limits.maxJacobianRank(), "jointRank");
        int jacobianRank = intInRange(r.jacobianRank(), RequestDefaults.JACOBIAN_RANK, 1, limits.maxJacobianRank(), "jacobianRank");
        boolean jive = r.jive() == null || r.jive();
        return new DiscoveryJob(jobId, model.getId(), model.getFingerprint(), image,
                new DiscoveryJob.JiveParams(regions, timestep, jacobianRank, jointRank, individualRank, jive), steps, seed,
                name, tags, description);
    }

    /** The webhook of a request that {@link #validate} accepted. */
    public static String webhookUrl(DiscoveryRequest r) {
        return Checks.webhookUrl(r.webhookUrl());
    }

    private static Method.Family method(String method) {
        required(method, "method");
        try {
            return Method.Family.valueOf(method.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("method", Reasons.MALFORMED, "method must be LOCO or JIVE, got '" + method + "'");
        }
    }

    /**
     * A rank no larger than the Jacobian's rows: a masked Jacobian has one row per pixel and channel of its region,
     * so it has no more singular directions than that.
     */
    private static void withinRegion(int rank, long rows, String field, String region) {
        if (rank > rows) {
            throw ApiProblem.unprocessable(field, Reasons.OUT_OF_RANGE, field + " " + rank + " exceeds the " + rows
                    + " values of " + region + " (pixels x channels): its Jacobian has no more directions than that")
                    .with("max", rows);
        }
    }

    private static void notFor(Object value, String field, Method.Family method) {
        if (value != null) {
            throw ApiProblem.invalid(field, Reasons.NOT_ALLOWED, field + " applies to " + method + " only");
        }
    }

    private List<DiscoveryJob.Region> regions(List<DiscoveryRequest.Region> regions, ModelRecord model) {
        if (regions == null || regions.isEmpty()) {
            throw ApiProblem.invalid("regions", Reasons.REQUIRED, "JIVE needs at least one region {name, mask}");
        }
        if (regions.size() > MAX_REGIONS) {
            throw ApiProblem.invalid("regions", Reasons.TOO_MANY, "at most " + MAX_REGIONS + " regions, got " + regions.size());
        }
        Set<String> names = new HashSet<>();
        List<DiscoveryJob.Region> out = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            DiscoveryRequest.Region region = regions.get(i);
            String field = "regions[" + i + "]";
            if (region == null) {
                throw ApiProblem.invalid(field, Reasons.REQUIRED, field + " is null");
            }
            String name = required(region.name(), field + ".name");
            checkName(name, field + ".name");
            if (name.equals(Regions.REST)) {
                throw ApiProblem.invalid(field + ".name", Reasons.RESERVED, "the region name '" + name + "' is "
                        + "reserved: JIVE gives that name to the pixels no region's mask covers");
            }
            if (!names.add(name)) {
                throw ApiProblem.invalid(field + ".name", Reasons.DUPLICATE, "two regions are named '" + name + "'");
            }
            StoredImage mask = Checks.imageAtResolution(lookups, region.mask(), field + ".mask", model);
            Checks.selectsARegion(lookups, mask, field + ".mask", false);
            out.add(new DiscoveryJob.Region(name, mask.getId()));
        }
        return List.copyOf(out);
    }

    /** Tags: at most 20 distinct names, kept in the client's order. */
    public static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiProblem.invalid("tags", Reasons.TOO_MANY, "at most " + MAX_TAGS + " tags, got " + tags.size());
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String field = "tags[" + i + "]";
            checkName(required(tags.get(i), field), field);
            out.add(tags.get(i));
        }
        return List.copyOf(out);
    }

    public static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiProblem.invalid("description", Reasons.OUT_OF_RANGE,
                    "description has at most " + MAX_DESCRIPTION + " characters, got " + description.length());
        }
        return description;
    }

    static void checkName(String name, String field) {
        try {
            DirectionRef.checkName(name, field);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, Reasons.MALFORMED, e.getMessage());
        }
    }
}
