package dev.locus.gateway;

import dev.locus.common.LocusCommonConfiguration;
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

    public static void main(String[] args) {
        SpringApplication.run(LocusGatewayApplication.class, args);
    }
}
