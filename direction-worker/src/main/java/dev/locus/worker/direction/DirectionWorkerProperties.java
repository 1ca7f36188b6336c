package dev.locus.worker.direction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param previewStrengthXt lambda of the preview strip for LOCO (unit x_t-space vectors)
 * @param previewStrengthH  alpha of the preview strip for JIVE (unit h-space vectors)
 */
@ConfigurationProperties("locus.direction-worker")
public record DirectionWorkerProperties(@DefaultValue("8") double previewStrengthXt,
                                        @DefaultValue("8") double previewStrengthH) {}
