package dev.locus.common.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, Long> {

    /** Due deliveries, locked so that several gateways never send the same one twice at once. */
    @Query(value = "select * from webhook_deliveries where delivered_at is null and failed_at is null "
            + "and next_attempt_at <= :now order by id limit :limit for update skip locked", nativeQuery = true)
    List<WebhookDelivery> lockDue(Instant now, int limit);

    List<WebhookDelivery> findByJobIdOrderById(UUID jobId);
}
