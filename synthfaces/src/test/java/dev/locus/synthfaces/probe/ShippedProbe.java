package dev.locus.synthfaces.probe;

import java.nio.file.Files;
import java.nio.file.Path;

/** The trained probe shipped in models/synthfaces-probe, found from the module or the repository root. */
public final class ShippedProbe {

    static final String RELATIVE = "models/synthfaces-probe/probe.safetensors";

    private static FactorProbe loaded;

    private ShippedProbe() {}

    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(RELATIVE + " not found above " + Path.of("").toAbsolutePath());
    }

    public static synchronized FactorProbe probe() {
        if (loaded == null) {
            TestThreads.single();
            loaded = ProbeFile.load(path());
        }
        return loaded;
    }
}
