package dev.locus.engine.cli;

import dev.locus.engine.api.LocoPreset;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --image, --t, --seed, --out: what every discovery method takes. */
final class DiscoveryOptions {

    @Option(names = "--image", required = true, paramLabel = "face.png", description = "the image to find directions on")
    Path image;

    @Option(names = "--t", description = "edit timestep as a fraction of T; the schedule's step nearest t x T (default: ${DEFAULT-VALUE})")
    double t = LocoPreset.REFERENCE.tEdit();

    @Option(names = "--seed", defaultValue = "0", description = "seed of the power method's start (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "basis.safetensors")
    Path out;
}
