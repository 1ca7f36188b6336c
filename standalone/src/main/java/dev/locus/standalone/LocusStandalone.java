package dev.locus.standalone;

import dev.locus.engine.torch.NativeLibraries;
import dev.locus.standalone.embedded.LocalServers;
import dev.locus.standalone.embedded.ServerPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Locus on one machine, in one JVM: a real Kafka broker, PostgreSQL and an S3 server under a data
 * directory that survives restarts, then the gateway and both workers with the shipped model.
 */
@Command(name = "locus-standalone", mixinStandardHelpOptions = true,
        description = "Runs Locus locally: Kafka (KRaft), PostgreSQL and S3 (s3proxy) in-process, the gateway and both workers.")
public final class LocusStandalone implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "gateway HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where Kafka, PostgreSQL and S3 keep their data (default: ~/.locus)")
    Path dataDir;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch CPU threads for the workers (default: libtorch's choice, one per core)")
    Integer threads;

    @Option(names = "--model", paramLabel = "DIR", description = "an extra diffusers model folder to register (repeatable)")
    List<Path> extraModels = new ArrayList<>();

    @Option(names = "--kafka-port", defaultValue = "0", paramLabel = "PORT",
            description = "Kafka's port (default: the one kept in the data directory, free on the first start)")
    int kafkaPort;

    @Option(names = "--postgres-port", defaultValue = "0", paramLabel = "PORT",
            description = "PostgreSQL's port (default: kept in the data directory)")
    int postgresPort;

    @Option(names = "--s3-port", defaultValue = "0", paramLabel = "PORT",
            description = "the S3 server's port (default: kept in the data directory)")
    int s3Port;

    /** Held while this JVM lives. */
    private static java.nio.channels.FileLock dataDirectoryLock;

    public static void main(String[] args) {
        NativeLibraries.extract();
        int code = new CommandLine(new LocusStandalone())
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    // the message names the problem; the trace is for the rare failure that is ours
                    command.getErr().println("locus-standalone: " + error.getMessage());
                    if (!(error instanceof IllegalStateException)) {
                        error.printStackTrace(command.getErr());
                    }
                    return 1;
                })
                .execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        preloadNativeLibraries();
        Path dir = (dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".locus")).toAbsolutePath();
        dataDirectoryLock = DataDirectoryLock.acquire(dir);
        List<Path> models = new ArrayList<>(ShippedModels.unpack(dir.resolve("models")));
        extraModels.forEach(m -> models.add(m.toAbsolutePath()));
        if (models.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "no model to serve: this jar ships none; pass --model DIR");
        }

        LocalServers servers = LocalServers.start(dir, new ServerPorts(kafkaPort, 0, postgresPort, s3Port));
        Map<String, Object> properties = new LinkedHashMap<>(servers.springProperties());
        properties.put("locus.models.paths", models.stream().map(Path::toString).collect(Collectors.joining(",")));
        Path workerSettings = WorkerSettings.write(dir, properties);
        if (threads != null) {
            properties.put("locus.models.threads", threads);
        }
        LocusServices services;
        try {
            services = LocusServices.start(properties, port);
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.close();
            servers.close();
        }, "locus-shutdown"));
        System.out.printf("Locus is ready at http://localhost:%d (API docs: /swagger-ui.html) after %.1f s; data in %s%n"
                        + "More workers attach with --spring.config.additional-location=file:%s%n",
                services.port(), (System.nanoTime() - start) / 1e9, dir, workerSettings);
        return 0;
    }

    /** libtorch's native libraries take seconds to load: load them while the servers start. */
    private static void preloadNativeLibraries() {
        Thread loader = new Thread(() -> {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.pytorch.global.torch.class);
            dev.locus.engine.torch.NativeRuntime.configure();
        }, "libtorch-preload");
        loader.setDaemon(true);
        loader.start();
    }
}
