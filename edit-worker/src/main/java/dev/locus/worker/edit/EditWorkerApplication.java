package dev.locus.worker.edit;

import dev.locus.common.worker.WorkerConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Consumes edit jobs: applies stored directions, single or composed, and stores the images. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(WorkerConfiguration.class)
public class EditWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(EditWorkerApplication.class, args);
    }
}
