package dev.locus.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's settings ({@code locus.gateway.*}).
 *
 * @param maxUploadBytes largest accepted image upload
 * @param maxPixels      largest accepted width x height of an upload
 * @param maxSide        largest accepted width or height of an upload
 * @param maxBodyBytes   largest request body other than an upload, refused before it is read
 * @param publicUrl      base URL that prefixes the links the API hands out (none: relative links)
 * @param maxDirections  most direction terms in one edit
 * @param strengthBound  largest |strength| of an edit term or sweep value
 * @param maxStrengths   most values in one strength sweep
 * @param registerModels register the catalog's models (from their config files) at startup
 * @param ensureBucket   create the storage bucket at startup when missing
 * @param discovery      ceilings on what one discovery may cost
 * @param silentJobs     what becomes of a running job whose worker stopped beating
 */
@ConfigurationProperties("locus.gateway")
public record GatewayProperties(@DefaultValue("4MB") DataSize maxUploadBytes,
                                @DefaultValue("1048576") long maxPixels,
                                @DefaultValue("4096") int maxSide,
                                @DefaultValue("1MB") DataSize maxBodyBytes,
                                String publicUrl,
                                @DefaultValue("8") int maxDirections,
                                @DefaultValue("1000") double strengthBound,
                                @DefaultValue("16") int maxStrengths,
                                @DefaultValue("true") boolean registerModels,
                                @DefaultValue("true") boolean ensureBucket,
                                @DefaultValue Outbox outbox,
                                @DefaultValue Webhooks webhooks,
                                @DefaultValue Events events,
                                @DefaultValue Discovery discovery,
                                @DefaultValue SilentJobs silentJobs) {

    /** The limits an edit or discovery request is validated against. */
    public record Limits(int maxDirections, double strengthBound, int maxStrengths) {}

    public Limits limits() {
        return new Limits(maxDirections, strengthBound, maxStrengths);
    }

    /**
     * What one discovery may ask for: each rank costs power-method rows on a GPU worker (a LOCO null rank of 256
     * was measured at 25 minutes on a 2-core worker), so the gateway refuses more than these.
     *
     * @param maxRank         LOCO directions k, JIVE individual rank r_A (the papers use 1 to 5)
     * @param maxNullRank     LOCO null-space rank r' (the papers use 5 to 10)
     * @param maxJacobianRank JIVE singular vectors per region, r, and its joint rank r_C (the paper: 50 and 30)
     */
    public record Discovery(@DefaultValue("16") int maxRank, @DefaultValue("32") int maxNullRank,
                            @DefaultValue("64") int maxJacobianRank) {}

    /**
     * Running jobs whose worker stopped beating (it died, or lost the database): re-queued, or failed with
     * WORKER_LOST once they have had {@code maxAttempts}.
     *
     * @param after         silence that counts as a dead worker; several of the workers' {@code heartbeat-interval}
     * @param checkInterval pause between two passes
     * @param maxAttempts   attempts a job may have in all before a silent worker fails it
     * @param batchSize     most jobs per pass
     */
    public record SilentJobs(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration after,
                             @DefaultValue("5s") Duration checkInterval, @DefaultValue("3") int maxAttempts,
                             @DefaultValue("50") int batchSize) {}

    /**
     * The transactional outbox relay.
     *
     * @param pollDelay   pause between two relay passes
     * @param batchSize   most rows per pass
     * @param sendTimeout how long to wait for Kafka's acknowledgement of one message
     */
    public record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration pollDelay,
                         @DefaultValue("100") int batchSize, @DefaultValue("10s") Duration sendTimeout) {}

    /**
     * Webhook deliveries.
     *
     * @param secret         HMAC-SHA256 key of {@code X-Locus-Signature}; none: deliveries are unsigned
     * @param maxAttempts    attempts before a delivery is given up
     * @param initialBackoff wait after the first failed attempt, doubled after each further one
     * @param maxBackoff     ceiling of the wait
     */
    public record Webhooks(@DefaultValue("true") boolean enabled, String secret,
                           @DefaultValue("8") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
                           @DefaultValue("5m") Duration maxBackoff, @DefaultValue("1s") Duration pollDelay,
                           @DefaultValue("20") int batchSize, @DefaultValue("2s") Duration connectTimeout,
                           @DefaultValue("5s") Duration readTimeout) {}

    /**
     * Server-sent job events.
     *
     * @param enabled   consume the job-events topic (off: streams get the current state and heartbeats only)
     * @param groupId   this instance's consumer group on the job-events topic (default: random per instance)
     * @param heartbeat pause between two keep-alive comments on open streams
     * @param timeout   longest life of one stream (clients reconnect)
     */
    public record Events(@DefaultValue("true") boolean enabled, String groupId,
                         @DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration timeout) {}
}
