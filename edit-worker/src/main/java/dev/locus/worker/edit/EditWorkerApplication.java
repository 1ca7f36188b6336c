package dev.locus.worker.edit;

import dev.locus.engine.torch.NativeLibraries;
import dev.locus.worker.runtime.WorkerConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Consumes edit jobs: applies stored directions, single or composed, and stores the images. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(WorkerConfiguration.class)
public class EditWorkerApplication {

    /** Its own config file name, so that the local mode can run every service in one JVM. */
    public static final String CONFIG_NAME = "locus-edit-worker";

    public static void main(String[] args) {
        NativeLibraries.extract();
        SpringApplication application = new SpringApplication(EditWorkerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
