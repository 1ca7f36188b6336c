package dev.locus.gateway.images;

import dev.locus.common.storage.BlobStore;
import dev.locus.gateway.GatewayProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the storage bucket at startup when it is missing. */
@Component
@Order(0)
public class BucketInitializer implements ApplicationRunner {

    private final BlobStore blobs;
    private final GatewayProperties properties;

    public BucketInitializer(BlobStore blobs, GatewayProperties properties) {
        this.blobs = blobs;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.ensureBucket()) {
            blobs.ensureBucket();
        }
    }
}
