package dev.locus.worker.direction;

import dev.locus.engine.torch.NativeLibraries;
import dev.locus.worker.runtime.WorkerConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Consumes discovery jobs: finds LOCO or JIVE directions and registers them as direction versions. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(WorkerConfiguration.class)
public class DirectionWorkerApplication {

    /** Its own config file name, so that the local mode can run every service in one JVM. */
    public static final String CONFIG_NAME = "locus-direction-worker";

    public static void main(String[] args) {
        NativeLibraries.extract();
        SpringApplication application = new SpringApplication(DirectionWorkerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
