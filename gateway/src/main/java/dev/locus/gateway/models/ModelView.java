package dev.locus.gateway.models;

import dev.locus.common.registry.ModelRecord;
import java.time.Instant;

/**
 * A registered model as the API shows it; {@code resolution} is the square sample size images must have, and
 * {@code retiredAt} is set once the gateway no longer serves it.
 */
public record ModelView(String id, String name, String fingerprint, String modelClass, int resolution, int inChannels,
                        String config, Instant registeredAt, Instant retiredAt) {

    public static ModelView of(ModelRecord m) {
        return new ModelView(m.getId(), m.getName(), m.getFingerprint(), m.getModelClass(), m.getSampleSize(),
                m.getInChannels(), m.getConfigSummary(), m.getRegisteredAt(), m.getRetiredAt());
    }
}
