package dev.locus.standalone;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One meter registry for every service of the local mode: the gateway's {@code /actuator/prometheus} is the only
 * scrape endpoint in one JVM, and the job metrics ({@code locus.jobs.*}) are recorded by the workers. Each service
 * finds the registry already there and Spring Boot's own backs off; a worker that stops leaves it open, since a
 * singleton registered by hand gets no destruction callback.
 */
final class SharedMetrics {

    private final PrometheusRegistry prometheus = new PrometheusRegistry();
    private final PrometheusMeterRegistry meters =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, Clock.SYSTEM);

    void registerIn(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("prometheusRegistry", prometheus);
        context.getBeanFactory().registerSingleton("prometheusMeterRegistry", meters);
    }
}
