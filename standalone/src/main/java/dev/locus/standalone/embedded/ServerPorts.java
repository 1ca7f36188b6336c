package dev.locus.standalone.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ports of the local servers, kept in the data directory ({@code ports.properties}) so that they are the same
 * after every restart: workers started outside the local mode (and a crashed run's workers) reconnect to the same
 * addresses. The first start picks free ports unless told otherwise; a port given explicitly replaces the kept one.
 *
 * @param kafka      Kafka's client port
 * @param controller Kafka's KRaft controller port
 * @param postgres   PostgreSQL's port
 * @param s3         the S3 server's port
 */
public record ServerPorts(int kafka, int controller, int postgres, int s3) {

    static final String FILE = "ports.properties";

    /** No port chosen: free ones on the first start, the kept ones afterwards. */
    public static ServerPorts unset() {
        return new ServerPorts(0, 0, 0, 0);
    }

    /**
     * The ports to start on in {@code dataDir}: {@code requested}'s non-zero ports, else those kept there, else free
     * ones; written back, so the next start uses the same.
     */
    public static ServerPorts resolve(Path dataDir, ServerPorts requested) {
        ServerPorts kept = read(dataDir.resolve(FILE));
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        ServerPorts ports = new ServerPorts(
                pick(requested.kafka, kept.kafka, taken),
                pick(requested.controller, kept.controller, taken),
                pick(requested.postgres, kept.postgres, taken),
                pick(requested.s3, kept.s3, taken));
        if (taken.size() < 4) {
            throw new IllegalStateException("two local servers would share a port: " + ports);
        }
        ports.write(dataDir.resolve(FILE));
        return ports;
    }

    private static int pick(int requested, int kept, java.util.Set<Integer> taken) {
        int port = requested != 0 ? requested : kept;
        while (port == 0 || (requested == 0 && kept == 0 && taken.contains(port))) {
            port = Ports.free();
        }
        taken.add(port);
        return port;
    }

    private static ServerPorts read(Path file) {
        if (!Files.isRegularFile(file)) {
            return unset();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return new ServerPorts(port(p, "kafka"), port(p, "kafka-controller"), port(p, "postgres"), port(p, "s3"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " holds a port that is not a number: " + e.getMessage()
                    + "; fix or delete the file", e);
        }
    }

    private static int port(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key, "0").trim());
    }

    private void write(Path file) {
        Properties p = new Properties();
        p.setProperty("kafka", Integer.toString(kafka));
        p.setProperty("kafka-controller", Integer.toString(controller));
        p.setProperty("postgres", Integer.toString(postgres));
        p.setProperty("s3", Integer.toString(s3));
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "Ports of the local servers, kept across restarts (change them here, or with the "
                        + "--*-port options)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
