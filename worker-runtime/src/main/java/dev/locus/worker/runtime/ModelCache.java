package dev.locus.worker.runtime;

import dev.locus.common.models.ModelCatalog;
import dev.locus.common.models.ModelProperties;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.torch.ComputeDevice;
import dev.locus.engine.torch.Threads;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Models stay loaded on the worker's device between jobs: loading costs far more than a small
 * edit. A job names the fingerprint it was accepted for, so a folder whose weights changed since
 * is refused rather than silently used.
 */
@Component
public class ModelCache {

    private final ModelCatalog catalog;
    private final ComputeDevice device;
    private final Map<String, UNet2DLoader.Loaded> loaded = new ConcurrentHashMap<>();

    public ModelCache(ModelCatalog catalog, ModelProperties properties) {
        this.catalog = catalog;
        this.device = ComputeDevice.of(properties.device(), properties.dtype());
        if (properties.threads() > 0) {
            Threads.use(properties.threads());
        }
    }

    public UNet2DLoader.Loaded get(String modelId, String fingerprint) {
        UNet2DLoader.Loaded model = loaded.computeIfAbsent(modelId, id -> {
            Path folder = catalog.folder(id).orElseThrow(() -> new BadJobException("UNKNOWN_MODEL",
                    "model " + id + " is not configured on this worker (locus.models.paths)"));
            return UNet2DLoader.load(folder, device);
        });
        if (fingerprint != null && !fingerprint.equals(model.fingerprint())) {
            throw new BadJobException("MODEL_CHANGED", "model " + modelId + " has fingerprint " + model.fingerprint()
                    + " on this worker, but the job was accepted for " + fingerprint);
        }
        return model;
    }
}
