package dev.locus.standalone.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and S3 as real servers in this JVM, all under one data directory
 * ({@code kafka/}, {@code postgres/}, {@code s3/}) that is kept across restarts.
 *
 * <p>The three start in parallel: PostgreSQL is a child process and mostly waits on it, Kafka
 * spends its time loading classes, so together they are ready about when the slowest one is.
 */
public final class LocalServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

    public record Settings(EmbeddedKafka.Config kafka, EmbeddedPostgres.Config postgres, EmbeddedS3.Config s3) {
        public static Settings defaults() {
            return new Settings(EmbeddedKafka.Config.defaults(), EmbeddedPostgres.Config.defaults(),
                    EmbeddedS3.Config.defaults());
        }

        /** These settings on {@code ports}. */
        public Settings on(ServerPorts ports) {
            return new Settings(new EmbeddedKafka.Config(ports.kafka(), ports.controller(), kafka.numPartitions()),
                    new EmbeddedPostgres.Config(ports.postgres(), postgres.database(), postgres.username(),
                            postgres.password()),
                    new EmbeddedS3.Config(ports.s3(), s3.accessKey(), s3.secretKey()));
        }
    }

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final EmbeddedS3 s3;
    private final Map<String, Duration> readyAfter;
    private boolean closed;

    private LocalServers(EmbeddedKafka kafka, EmbeddedPostgres postgres, EmbeddedS3 s3,
            Map<String, Duration> readyAfter) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.s3 = s3;
        this.readyAfter = readyAfter;
    }

    /** On the ports kept in {@code dataDir} (free ones, kept there, on the first start). */
    public static LocalServers start(Path dataDir) {
        return start(dataDir, ServerPorts.unset());
    }

    /** On {@code ports}' non-zero ports, the others kept in {@code dataDir} or free, all kept there. */
    public static LocalServers start(Path dataDir, ServerPorts ports) {
        return start(dataDir, Settings.defaults().on(ServerPorts.resolve(dataDir.toAbsolutePath().normalize(), ports)));
    }

    /** Starts all three, or none: if one fails, those that started are closed again. */
    public static LocalServers start(Path dataDir, Settings settings) {
        Path dir = dataDir.toAbsolutePath().normalize();
        long t0 = System.nanoTime();
        Map<String, Duration> readyAfter = Collections.synchronizedMap(new LinkedHashMap<>());
        // Plain (non-daemon) threads: servers inherit daemon status from the thread that creates them.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<EmbeddedKafka> kafka = timed("Kafka", t0, readyAfter, pool,
                    d -> EmbeddedKafka.start(d, settings.kafka()), dir.resolve("kafka"));
            CompletableFuture<EmbeddedPostgres> postgres = timed("PostgreSQL", t0, readyAfter, pool,
                    d -> EmbeddedPostgres.start(d, settings.postgres()), dir.resolve("postgres"));
            CompletableFuture<EmbeddedS3> s3 = timed("S3", t0, readyAfter, pool,
                    d -> EmbeddedS3.start(d, settings.s3()), dir.resolve("s3"));
            try {
                CompletableFuture.allOf(kafka, postgres, s3).join();
            } catch (CompletionException e) {
                // Wait for the others too, so that none is left running behind our back.
                RuntimeException failure = new IllegalStateException("Local servers did not start", e.getCause());
                List<CompletableFuture<? extends AutoCloseable>> all = List.of(kafka, postgres, s3);
                for (CompletableFuture<? extends AutoCloseable> f : all) {
                    f.handle((server, error) -> server).join();
                }
                closeAll(failure, s3.getNow(null), postgres.getNow(null), kafka.getNow(null));
                throw failure;
            }
            LocalServers servers = new LocalServers(kafka.join(), postgres.join(), s3.join(),
                    Map.copyOf(readyAfter));
            log.info("Local servers ready in {} ms under {}", millis(Duration.ofNanos(System.nanoTime() - t0)), dir);
            return servers;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Connection settings as Spring properties, ready for a {@code MapPropertySource}.
     */
    public Map<String, Object> springProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("spring.datasource.url", postgres.jdbcUrl());
        p.put("spring.datasource.username", postgres.username());
        p.put("spring.datasource.password", postgres.password());
        p.put("locus.storage.endpoint", s3.endpoint());
        p.put("locus.storage.access-key", s3.accessKey());
        p.put("locus.storage.secret-key", s3.secretKey());
        return Collections.unmodifiableMap(p);
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    /** How long after {@link #start} each server was ready: "Kafka", "PostgreSQL", "S3". */
    public Map<String, Duration> readyAfter() {
        return readyAfter;
    }

    /** Reverse order of dependence: storage, then the database, then the broker. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = new IllegalStateException("Local servers did not all stop cleanly");
        closeAll(failure, s3, postgres, kafka);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static <T> CompletableFuture<T> timed(String name, long t0, Map<String, Duration> readyAfter,
            ExecutorService pool, Function<Path, T> starter, Path dir) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            T server = starter.apply(dir);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            readyAfter.put(name, Duration.ofNanos(System.nanoTime() - t0));
            log.info("{} ready in {} ms ({} ms after start)", name, millis(took), millis(readyAfter.get(name)));
            return server;
        }, pool);
    }

    private static void closeAll(RuntimeException failure, AutoCloseable... servers) {
        for (AutoCloseable server : servers) {
            if (server == null) {
                continue;
            }
            long start = System.nanoTime();
            try {
                server.close();
                log.info("{} stopped in {} ms", server.getClass().getSimpleName(),
                        millis(Duration.ofNanos(System.nanoTime() - start)));
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static long millis(Duration d) {
        return d.toMillis();
    }
}
