package dev.locus.gateway;

import dev.locus.common.LocusCommonConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The REST gateway: accepts jobs, serves images, results and the direction library. */
@SpringBootApplication
@Import(LocusCommonConfiguration.class)
@EnableConfigurationProperties(GatewayProperties.class)
@EnableScheduling
public class LocusGatewayApplication {

    /** Its own config file name, so that the local mode can run every service in one JVM. */
    public static final String CONFIG_NAME = "locus-gateway";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LocusGatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
