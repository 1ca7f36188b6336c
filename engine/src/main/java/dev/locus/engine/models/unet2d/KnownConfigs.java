package dev.locus.engine.models.unet2d;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Architectures of public checkpoints, for random-initialised benchmarks and tests. */
public final class KnownConfigs {

    /** google/ddpm-{celebahq,church,cat,bedroom}-256: 113,673,219 parameters. */
    public static final String GOOGLE_DDPM_256 = "google-ddpm-256";
    /** google/ddpm-cifar10-32: 35,746,307 parameters. */
    public static final String GOOGLE_DDPM_CIFAR10_32 = "google-ddpm-cifar10-32";

    public static final List<String> NAMES = List.of(GOOGLE_DDPM_256, GOOGLE_DDPM_CIFAR10_32);

    private KnownConfigs() {}

    public static UNet2DConfig get(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown config '" + name + "' (known: " + NAMES + ")");
        }
        try (InputStream in = KnownConfigs.class.getResourceAsStream(name + ".json")) {
            return UNet2DConfig.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
