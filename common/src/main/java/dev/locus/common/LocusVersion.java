package dev.locus.common;

/** The code version recorded in provenance: the jar's version, or "dev" in a build tree. */
public final class LocusVersion {

    private LocusVersion() {}

    public static String current() {
        String version = LocusVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
