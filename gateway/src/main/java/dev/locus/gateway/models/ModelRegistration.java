package dev.locus.gateway.models;

import dev.locus.common.models.ModelCatalog;
import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.ModelRecordRepository;
import dev.locus.engine.models.unet2d.UNet2DConfig;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.gateway.GatewayProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At startup, loads each catalog model on the CPU (which validates its weights and computes its
 * fingerprint) and upserts its {@code models} row, then retires the rows of models no longer configured.
 * A model that fails to load fails startup.
 */
@Component
public class ModelRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistration.class);

    private final ModelCatalog catalog;
    private final ModelRecordRepository models;
    private final GatewayProperties properties;
    private final Clock clock;

    public ModelRegistration(ModelCatalog catalog, ModelRecordRepository models, GatewayProperties properties,
                             Clock clock) {
        this.catalog = catalog;
        this.models = models;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.registerModels()) {
            return;
        }
        for (Map.Entry<String, Path> entry : catalog.folders().entrySet()) {
            register(entry.getKey(), entry.getValue());
        }
        retireUnconfigured();
    }

    /**
     * Retires every registered model this gateway's catalog no longer has, so that jobs for it are refused at
     * the API instead of failing in a worker that cannot load it. Gateways that register models must
     * therefore share one {@code locus.models.paths}.
     */
    public void retireUnconfigured() {
        for (ModelRecord record : models.findAll()) {
            if (!record.isRetired() && catalog.folder(record.getId()).isEmpty()) {
                record.retire(clock.instant());
                models.save(record);
                log.warn("model {} is no longer in locus.models.paths: retired (its directions and results stay "
                        + "readable; new jobs for it are refused)", record.getId());
            }
        }
    }

    public ModelRecord register(String id, Path folder) {
        long start = System.nanoTime();
        UNet2DLoader.Loaded loaded = UNet2DLoader.load(folder, ComputeDevice.cpu());
        UNet2DConfig config = loaded.model().config();
        ModelRecord record = models.save(new ModelRecord(id, id, loaded.fingerprint(), "UNet2DModel",
                config.sampleSize(), config.inChannels(), config.summary(), clock.instant()));
        log.info("model {} registered from {}: fingerprint {}, {}x{} ({} ms)", id, folder, loaded.fingerprint(),
                config.sampleSize(), config.sampleSize(), (System.nanoTime() - start) / 1_000_000);
        return record;
    }
}
