package dev.locus.gateway.config;

import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.jobs.JobEventHub;
import dev.locus.gateway.jobs.SilentJobRecovery;
import dev.locus.gateway.outbox.OutboxRelay;
import dev.locus.gateway.webhooks.WebhookDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The gateway's background loops, with delays from {@link GatewayProperties} (tests shorten them
 * or switch a loop off): the outbox relay, webhook deliveries, SSE heartbeats and the recovery of jobs
 * whose worker died.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayScheduling implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(GatewayScheduling.class);

    private final GatewayProperties properties;
    private final OutboxRelay outbox;
    private final WebhookDispatcher webhooks;
    private final JobEventHub events;
    private final SilentJobRecovery silentJobs;

    public GatewayScheduling(GatewayProperties properties, OutboxRelay outbox, WebhookDispatcher webhooks,
                             JobEventHub events, SilentJobRecovery silentJobs) {
        this.properties = properties;
        this.silentJobs = silentJobs;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.events = events;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.outbox().enabled()) {
            registrar.addFixedDelayTask(guarded("outbox relay", () -> outbox.relayOnce()), properties.outbox().pollDelay());
        }
        if (properties.webhooks().enabled()) {
            registrar.addFixedDelayTask(guarded("webhook dispatcher", () -> webhooks.dispatchOnce()),
                    properties.webhooks().pollDelay());
        }
        if (properties.silentJobs().enabled()) {
            registrar.addFixedDelayTask(guarded("silent-job recovery", silentJobs::recoverOnce),
                    properties.silentJobs().checkInterval());
        }
        registrar.addFixedDelayTask(guarded("event heartbeat", events::heartbeat), properties.events().heartbeat());
    }

    /** A failed pass (database briefly away) is logged and the loop goes on. */
    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} pass failed: {}", name, e.toString());
            }
        };
    }
}
