package dev.locus.standalone.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server (s3proxy) in this JVM, storing buckets as directories under
 * {@code dataDir}: buckets and objects survive restarts. Requests must be signed with the
 * configured access and secret key.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /**
     * @param port      0 for a free one (bound by the server itself, no race)
     * @param accessKey the only accepted access key id
     * @param secretKey its secret
     */
    public record Config(int port, String accessKey, String secretKey) {
        public Config {
            if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("accessKey and secretKey are required");
            }
        }

        public static Config defaults() {
            return new Config(0, "locus", "locus-secret");
        }

        /** Without the secret: configs end up in logs. */
        @Override
        public String toString() {
            return "Config[port=" + port + ", accessKey=" + accessKey + "]";
        }
    }

    private final S3Proxy proxy;
    private final Config config;

    private EmbeddedS3(S3Proxy proxy, Config config) {
        this.proxy = proxy;
        this.config = config;
    }

    public static EmbeddedS3 start(Path dataDir) {
        return start(dataDir, Config.defaults());
    }

    public static EmbeddedS3 start(Path dataDir, Config config) {
        // Must be absolute: with a relative base directory, multipart completion fails in s3proxy.
        Path dir = dataDir.toAbsolutePath().normalize();
        if (config.port() != 0) {
            Ports.freeOr(config.port(), "S3");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://" + Ports.HOST + ":" + config.port()))
                // v4 is what MinIO and the AWS SDKs sign with; v2 costs nothing and helps old tools.
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, config.accessKey(), config.secretKey())
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("S3 server did not start", e);
            try {
                proxy.stop();
            } catch (Exception stop) {
                failure.addSuppressed(stop);
            }
            throw failure;
        }
        return new EmbeddedS3(proxy, config);
    }

    /** {@code http://127.0.0.1:port}, path-style addressing. */
    public String endpoint() {
        return "http://" + Ports.HOST + ":" + proxy.getPort();
    }

    public String accessKey() {
        return config.accessKey();
    }

    public String secretKey() {
        return config.secretKey();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3 server did not stop cleanly", e);
        }
    }
}
