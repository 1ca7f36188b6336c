package dev.locus.standalone;

import dev.locus.gateway.LocusGatewayApplication;
import dev.locus.worker.direction.DirectionWorkerApplication;
import dev.locus.worker.edit.EditWorkerApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway and the two workers as separate Spring applications in one JVM, each with its own
 * configuration file, all pointed at the same servers. Used by the local mode and by the
 * integration tests, which also add and stop worker instances to exercise consumer groups.
 */
public final class LocusServices implements AutoCloseable {

    private final Map<String, Object> properties;
    private final ConfigurableApplicationContext gateway;
    private final List<ConfigurableApplicationContext> workers = Collections.synchronizedList(new ArrayList<>());

    private LocusServices(Map<String, Object> properties, int port) {
        this.properties = Map.copyOf(properties);
        this.gateway = application(LocusGatewayApplication.class, LocusGatewayApplication.CONFIG_NAME,
                WebApplicationType.SERVLET).run(arguments(Map.of("server.port", port)));
    }

    /**
     * Starts the gateway (which migrates the schema and registers the models) and then one worker
     * of each kind.
     *
     * @param properties the servers' settings and anything else every service should see
     * @param port       the gateway's HTTP port (0 for a free one)
     */
    public static LocusServices start(Map<String, Object> properties, int port) {
        LocusServices services = new LocusServices(properties, port);
        try {
            services.startDirectionWorker();
            services.startEditWorker();
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
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
        // workers serve no HTTP here: the gateway's health is the local mode's health
        ConfigurableApplicationContext worker = application(application, configName, WebApplicationType.NONE)
                .run(arguments(Map.of()));
        workers.add(worker);
        return worker;
    }

    private static SpringApplicationBuilder application(Class<?> application, String configName,
                                                        WebApplicationType web) {
        return new SpringApplicationBuilder(application).web(web).properties(Map.of("spring.config.name", configName))
                .logStartupInfo(false);
    }

    /** As command-line arguments, so that they win over every service's own configuration file. */
    private String[] arguments(Map<String, Object> extra) {
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
