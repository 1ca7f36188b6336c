package dev.locus.gateway.config;

import dev.locus.common.LocusCommonConfiguration;
import dev.locus.gateway.GatewayProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * What the gateway runs on besides its web layer: the shared registry, job store and storage, its properties and
 * its schedules. Kept off the application class, so that a web slice test ({@code @WebMvcTest}) starts the
 * controllers alone.
 */
@Configuration(proxyBeanMethods = false)
@Import(LocusCommonConfiguration.class)
@EnableConfigurationProperties(GatewayProperties.class)
@EnableScheduling
class GatewayConfiguration {}
