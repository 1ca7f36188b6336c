package dev.locus.engine.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a set of edit directions was found. The constant names are what the registry, basis files and the API's
 * direction views store; {@link #id()} is the short name of the command-line tools and benchmark tables.
 */
public enum Method {
    /** LOCO (Algorithm 1): top right singular vectors of the masked posterior-mean Jacobian, null-space projected. */
    LOCO("loco", Family.LOCO, DirectionSpace.X_T),
    /** LOCO without the null-space projection. */
    LOCO_NO_NULL_SPACE("loco-no-null", Family.LOCO, DirectionSpace.X_T),
    /** The "d eps / d x_t" ablation: LOCO differentiating the noise prediction instead of the posterior mean. */
    LOCO_EPS("loco-eps", Family.LOCO, DirectionSpace.X_T),
    /** The d eps ablation without the null-space projection. */
    LOCO_EPS_NO_NULL_SPACE("loco-eps-no-null", Family.LOCO, DirectionSpace.X_T),
    /** JIVE's individual (region-specific) h-space directions, beside the joint (global) ones. */
    JIVE("jive", Family.JIVE, DirectionSpace.H),
    /** Haas et al.'s per-region h-space SVD directions: JIVE without the joint/individual split. */
    HAAS("haas", Family.JIVE, DirectionSpace.H);

    /** What a discovery request asks for; the options of the request pick the variant. */
    public enum Family {
        /** x_t directions of one region (LOCO and its variants) */
        LOCO,
        /** h-space directions of named regions (JIVE, or the Haas baseline) */
        JIVE
    }

    private final String id;
    private final Family family;
    private final DirectionSpace space;

    Method(String id, Family family, DirectionSpace space) {
        this.id = id;
        this.family = family;
        this.space = space;
    }

    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    public DirectionSpace space() {
        return space;
    }

    /** The LOCO variant: of the noise prediction or of the posterior mean, with or without null-space projection. */
    public static Method loco(boolean ofNoise, boolean nullSpaceProjection) {
        if (ofNoise) {
            return nullSpaceProjection ? LOCO_EPS : LOCO_EPS_NO_NULL_SPACE;
        }
        return nullSpaceProjection ? LOCO : LOCO_NO_NULL_SPACE;
    }

    /** JIVE, or the Haas baseline when the joint/individual split is off. */
    public static Method hSpace(boolean jive) {
        return jive ? JIVE : HAAS;
    }

    /** Whether the vectors were projected off the complement's subspace (LOCO's Algorithm 1, step 5). */
    public boolean nullSpaceProjected() {
        return this == LOCO || this == LOCO_EPS;
    }

    /** This LOCO variant without the null-space projection. */
    public Method withoutNullSpace() {
        return switch (this) {
            case LOCO, LOCO_NO_NULL_SPACE -> LOCO_NO_NULL_SPACE;
            case LOCO_EPS, LOCO_EPS_NO_NULL_SPACE -> LOCO_EPS_NO_NULL_SPACE;
            case JIVE, HAAS -> throw new IllegalArgumentException(this + " has no null-space projection");
        };
    }

    /** The method a short name ({@link #id()}) means. */
    public static Method fromId(String id) {
        for (Method method : values()) {
            if (method.id.equals(id)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown method '" + id + "': expected one of "
                + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", ")));
    }
}
