package dev.locus.engine.api;

/** Names the h-space methods give regions of their own. */
public final class Regions {

    /**
     * What no named region covers: JIVE's regions partition the image, so the uncovered rest becomes one more
     * region, and no request may name a region so.
     */
    public static final String REST = "rest";

    private Regions() {}
}
