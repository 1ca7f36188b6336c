package dev.locus.worker.runtime;

import dev.locus.common.models.ModelCatalog;
import dev.locus.common.registry.ModelRegistry;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At startup, loads every catalog model (which validates its weights) and records its fingerprint and configuration
 * in the registry, where the gateway reads them. A model that fails to load fails the worker's startup.
 */
@Component
class ModelFingerprints implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelFingerprints.class);

    private final ModelCatalog catalog;
    private final ModelCache models;
    private final ModelRegistry registry;

    ModelFingerprints(ModelCatalog catalog, ModelCache models, ModelRegistry registry) {
        this.catalog = catalog;
        this.models = models;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String id : catalog.folders().keySet()) {
            long start = System.nanoTime();
            UNet2DLoader.Loaded loaded = models.get(id, null);
            UNet2DConfig config = loaded.model().config();
            registry.recordLoaded(id, loaded.fingerprint(), "UNet2DModel", config.sampleSize(), config.inChannels(),
                    config.summary());
            log.info("model {} loaded: fingerprint {} ({} ms)", id, loaded.fingerprint(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
