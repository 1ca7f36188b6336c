package dev.locus.common.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One POST owed to a job's webhook, written with the state change it announces. */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id")
    private UUID jobId;

    private String url;
    private String payload;
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "failed_at")
    private Instant failedAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at")
    private Instant createdAt;

    protected WebhookDelivery() {}

    public static WebhookDelivery due(UUID jobId, String url, String payload, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.jobId = jobId;
        delivery.url = url;
        delivery.payload = payload;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    public void delivered(Instant now) {
        attempts++;
        deliveredAt = now;
    }

    /** Schedules the next attempt, or gives up for good when {@code next} is null. */
    public void attemptFailed(String error, Instant next, Instant now) {
        attempts++;
        lastError = error;
        if (next == null) {
            failedAt = now;
        } else {
            nextAttemptAt = next;
        }
    }

    public Long getId() { return id; }
    public UUID getJobId() { return jobId; }
    public String getUrl() { return url; }
    public String getPayload() { return payload; }
    public int getAttempts() { return attempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public Instant getFailedAt() { return failedAt; }
    public String getLastError() { return lastError; }
}
