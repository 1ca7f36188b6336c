package dev.locus.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The REST gateway: accepts jobs, serves images, results and the direction library. */
@SpringBootApplication
public class LocusGatewayApplication {

    /** Its own config file name, so that the local mode can run every service in one JVM. */
    public static final String CONFIG_NAME = "locus-gateway";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LocusGatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
