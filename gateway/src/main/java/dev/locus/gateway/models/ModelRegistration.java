package dev.locus.gateway.models;

import dev.locus.common.models.ModelCatalog;
import dev.locus.common.models.ModelFolderConfig;
import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.ModelRecordRepository;
import dev.locus.common.registry.ModelRegistry;
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
 * At startup, registers each catalog model from its folder's {@code config.json} (class, resolution, channels) and
 * retires the rows of models no longer configured. The gateway does not load models: the workers load them, which
 * validates the weights, and record their fingerprints ({@link ModelRegistry}). A folder without a readable config
 * fails startup.
 */
@Component
public class ModelRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistration.class);

    private final ModelCatalog catalog;
    private final ModelRecordRepository models;
    private final ModelRegistry registry;
    private final GatewayProperties properties;
    private final Clock clock;

    public ModelRegistration(ModelCatalog catalog, ModelRecordRepository models, ModelRegistry registry,
                             GatewayProperties properties, Clock clock) {
        this.catalog = catalog;
        this.models = models;
        this.registry = registry;
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

    public void register(String id, Path folder) {
        ModelFolderConfig config = ModelFolderConfig.read(folder);
        registry.registerFromConfig(id, config.modelClass(), config.sampleSize(), config.inChannels());
        log.info("model {} registered from {}: {}, {}x{}, {} channels", id, folder, config.modelClass(),
                config.sampleSize(), config.sampleSize(), config.inChannels());
    }
}
