package dev.locus.worker.direction;

import dev.locus.common.worker.WorkerConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Consumes discovery jobs: finds LOCO or JIVE directions and registers them as direction versions. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(WorkerConfiguration.class)
public class DirectionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DirectionWorkerApplication.class, args);
    }
}
