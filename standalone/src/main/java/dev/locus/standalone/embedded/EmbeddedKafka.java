package dev.locus.standalone.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both broker and controller.
 *
 * <p>The log directory under {@code dataDir} is formatted once, with a random cluster id kept in
 * {@code dataDir/cluster.id}; later starts reuse it, so topics and records survive restarts.
 * Ports may change between starts: the quorum is static ({@code controller.quorum.voters}),
 * so no listener address is written into the metadata log.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Generous: the first start on a busy 2-core machine formats storage and loads Scala. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    /**
     * @param brokerPort     client port, 0 for a free one
     * @param controllerPort KRaft controller port, 0 for a free one
     * @param numPartitions  partitions of auto-created topics
     */
    public record Config(int brokerPort, int controllerPort, int numPartitions) {
        public Config {
            if (numPartitions < 1) {
                throw new IllegalArgumentException("numPartitions must be at least 1");
            }
        }

        public static Config defaults() {
            return new Config(0, 0, 1);
        }
    }

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String clusterId;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String clusterId) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
    }

    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, Config.defaults());
    }

    public static EmbeddedKafka start(Path dataDir, Config config) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path logDir = dir.resolve("logs");
        // Kafka dies with a fatal error (and halts the JVM) when a listener cannot bind: check first.
        int brokerPort = Ports.freeOr(config.brokerPort(), "Kafka broker");
        int controllerPort = Ports.freeOr(config.controllerPort(), "Kafka controller");
        while (controllerPort == brokerPort) {
            controllerPort = Ports.free();
        }
        try {
            Files.createDirectories(logDir);
            String clusterId = clusterId(dir);
            Properties props = serverProperties(logDir, brokerPort, controllerPort, config.numPartitions());
            Path propsFile = dir.resolve("server.properties");
            try (Writer out = Files.newBufferedWriter(propsFile)) {
                props.store(out, "Written by EmbeddedKafka at each start; the ports may differ");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(clusterId, propsFile);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            startGuarded(server);
            String bootstrap = Ports.HOST + ":" + brokerPort;
            return new EmbeddedKafka(server, bootstrap, clusterId);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka storage under " + dir, e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Controlled shutdown; returns when every broker thread has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        // Written before formatting: a crash in between leaves an id that the next format reuses.
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    private static Properties serverProperties(Path logDir, int brokerPort, int controllerPort, int numPartitions) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        p.setProperty("listeners",
                "PLAINTEXT://" + Ports.HOST + ":" + brokerPort + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(numPartitions));
        p.setProperty("auto.create.topics.enable", "true");
        // One node: every internal topic has a single replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Few internal partitions: the first consumer group and transaction come up in well under a second.
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        // Consumers join immediately instead of waiting 3 s for more members.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A worker that dies gives its partitions up after 15 s instead of Kafka's 45: under the consumer group
        // protocol the session timeout is the broker's; members beat every 5 s (the broker's default interval).
        p.setProperty("group.consumer.min.session.timeout.ms", "15000");
        p.setProperty("group.consumer.session.timeout.ms", "15000");
        // The log cleaner preallocates this buffer on the heap (128 MB by default).
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return p;
    }

    /** What {@code kafka-storage.sh format} does, in-process. */
    private static void format(String clusterId, Path propsFile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(
                    new String[] {"format", "--cluster-id", clusterId, "--config", propsFile.toString(),
                            "--ignore-formatted"},
                    print);
        }
        String output = out.toString(StandardCharsets.UTF_8).trim();
        if (rc != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (" + rc + "): " + output);
        }
        log.info("Formatted Kafka storage, cluster id {}", clusterId);
        log.debug("kafka-storage format: {}", output);
    }

    /**
     * Starts the server and waits until it serves. While it starts, Kafka's exit and halt calls
     * (its reaction to a fatal error) fail the start instead of ending the JVM; on any failure the
     * server is shut down, because its threads are non-daemon and would keep the JVM alive.
     */
    private static void startGuarded(KafkaRaftServer server) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Exit.Procedure fail = (status, message) -> {
            IllegalStateException error = new IllegalStateException(
                    "Kafka hit a fatal error while starting (status " + status + "): " + message);
            started.completeExceptionally(error);
            throw error;
        };
        Exit.setExitProcedure(fail);
        Exit.setHaltProcedure(fail);
        Thread starter = new Thread(() -> {
            try {
                server.startup();
                started.complete(null);
            } catch (Throwable t) {
                started.completeExceptionally(t);
            }
        }, "embedded-kafka-startup");
        starter.start();
        try {
            started.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw shutDownAfter(server, new IllegalStateException("Interrupted while Kafka was starting", e));
        } catch (ExecutionException e) {
            throw shutDownAfter(server, new IllegalStateException("Kafka did not start", e.getCause()));
        } catch (TimeoutException e) {
            throw shutDownAfter(server, new IllegalStateException("Kafka did not start within " + STARTUP_TIMEOUT, e));
        } finally {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    private static RuntimeException shutDownAfter(KafkaRaftServer server, RuntimeException failure) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (Throwable t) {
            failure.addSuppressed(t);
        }
        return failure;
    }
}
