package dev.locus.standalone;

import dev.locus.gateway.LocusGatewayApplication;
import dev.locus.worker.direction.DirectionWorkerApplication;
import dev.locus.worker.edit.EditWorkerApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway and the two workers as separate Spring applications in one JVM, each with its own
 * configuration file, all pointed at the same servers. Used by the local mode and by the
 * integration tests, which also add and stop worker instances to exercise consumer groups.
 */
public final class LocusServices implements AutoCloseable {

    private final Map<String, Object> properties;
    private final SharedMetrics metrics;
    private final ConfigurableApplicationContext gateway;
    private final List<ConfigurableApplicationContext> workers = Collections.synchronizedList(new ArrayList<>());

    private LocusServices(Map<String, Object> properties, SharedMetrics metrics, ConfigurableApplicationContext gateway) {
        this.properties = Map.copyOf(properties);
        this.metrics = metrics;
        this.gateway = gateway;
    }

    /**
     * Starts the gateway and one worker of each kind side by side: their startups overlap (class
     * loading, Hibernate, Kafka clients), and Flyway's lock lets one of them migrate the schema
     * while the others wait for it.
     *
     * @param properties the servers' settings and anything else every service should see
     * @param port       the gateway's HTTP port (0 for a free one)
     */
    public static LocusServices start(Map<String, Object> properties, int port) {
        // Spring Boot re-initialises Logback for every application it starts, and three starting at once
        // race on it; in one JVM the services share the local mode's logback.xml instead.
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        }
        ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> new Thread(runnable, "locus-start"));
        try {
            SharedMetrics metrics = new SharedMetrics();
            Future<ConfigurableApplicationContext> gateway = starter.submit(() -> application(LocusGatewayApplication.class,
                    LocusGatewayApplication.CONFIG_NAME, WebApplicationType.SERVLET, metrics)
                    .run(arguments(properties, Map.of("server.port", port))));
            Future<ConfigurableApplicationContext> directions = starter.submit(() -> worker(properties, metrics,
                    DirectionWorkerApplication.class, DirectionWorkerApplication.CONFIG_NAME));
            Future<ConfigurableApplicationContext> edits = starter.submit(() -> worker(properties, metrics,
                    EditWorkerApplication.class, EditWorkerApplication.CONFIG_NAME));
            List<ConfigurableApplicationContext> started = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<ConfigurableApplicationContext> future : List.of(gateway, directions, edits)) {
                try {
                    started.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : new IllegalStateException("a Locus service failed to start: "
                            + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while starting Locus", e);
                }
            }
            if (failure != null) {
                started.forEach(ConfigurableApplicationContext::close);
                throw failure;
            }
            LocusServices services = new LocusServices(properties, metrics, started.get(0));
            services.workers.addAll(started.subList(1, started.size()));
            return services;
        } finally {
            starter.shutdown();
        }
    }

    public ConfigurableApplicationContext gateway() {
        return gateway;
    }

    /** The gateway's HTTP port. */
    public int port() {
        return Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port", "0"));
    }

    /** The running worker applications, in start order. */
    public List<ConfigurableApplicationContext> workers() {
        synchronized (workers) {
            return workers.stream().filter(ConfigurableApplicationContext::isActive).toList();
        }
    }

    public ConfigurableApplicationContext startDirectionWorker() {
        return startWorker(DirectionWorkerApplication.class, DirectionWorkerApplication.CONFIG_NAME);
    }

    public ConfigurableApplicationContext startEditWorker() {
        return startWorker(EditWorkerApplication.class, EditWorkerApplication.CONFIG_NAME);
    }

    private ConfigurableApplicationContext startWorker(Class<?> application, String configName) {
        ConfigurableApplicationContext worker = worker(properties, metrics, application, configName);
        workers.add(worker);
        return worker;
    }

    /** Workers serve no HTTP here: the gateway's health is the local mode's health. */
    private static ConfigurableApplicationContext worker(Map<String, Object> properties, SharedMetrics metrics,
                                                         Class<?> application, String configName) {
        return application(application, configName, WebApplicationType.NONE, metrics)
                .run(arguments(properties, Map.of("spring.autoconfigure.exclude", LOGBACK_METRICS)));
    }

    /**
     * Counts log events per level by a listener on Logback's context, which the services of one JVM share: the
     * gateway's counts them all, and three starting at once raced on the context's listener list (an
     * ArrayIndexOutOfBoundsException that failed one start), so the workers leave it out.
     */
    private static final String LOGBACK_METRICS =
            "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration";

    private static SpringApplicationBuilder application(Class<?> application, String configName,
                                                        WebApplicationType web, SharedMetrics metrics) {
        // No shutdown hook of Spring's own: whoever starts the services closes them, before the servers they use.
        return new SpringApplicationBuilder(application).web(web).properties(Map.of("spring.config.name", configName))
                .initializers(metrics::registerIn).logStartupInfo(false).registerShutdownHook(false);
    }

    /** As command-line arguments, so that they win over every service's own configuration file. */
    private static String[] arguments(Map<String, Object> properties, Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.putAll(extra);
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> running;
        synchronized (workers) {
            running = new ArrayList<>(workers);
            workers.clear();
        }
        Collections.reverse(running);
        running.forEach(ConfigurableApplicationContext::close);
        gateway.close();
    }
}
