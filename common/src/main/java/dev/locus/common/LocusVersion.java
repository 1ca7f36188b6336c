package dev.locus.common;

import dev.locus.engine.models.unet2d.UNet2DModel;

/** The code version recorded in provenance: the engine jar's version, or "dev" in a build tree. */
public final class LocusVersion {

    private LocusVersion() {}

    public static String current() {
        String version = UNet2DModel.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
