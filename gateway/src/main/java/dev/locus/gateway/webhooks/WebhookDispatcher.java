package dev.locus.gateway.webhooks;

import dev.locus.common.webhooks.WebhookDelivery;
import dev.locus.common.webhooks.WebhookDeliveryRepository;
import dev.locus.gateway.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;

/**
 * Sends due webhook deliveries. Rows are locked for the pass ({@code for update skip locked}), so
 * gateways never send one twice at once; 2xx marks a delivery done, anything else schedules a retry
 * by {@link Backoff} until the attempts run out. Receivers may still see a delivery twice (a crash
 * after the POST): {@code X-Locus-Delivery} identifies it.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSigner signer;
    private final Backoff backoff;
    private final RestClient http;
    private final GatewayProperties.Webhooks properties;
    private final Clock clock;

    public WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSigner signer, Backoff backoff,
                             GatewayProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.signer = signer;
        this.backoff = backoff;
        this.properties = properties.webhooks();
        this.clock = clock;
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(this.properties.connectTimeout());
        factory.setReadTimeout(this.properties.readTimeout());
        this.http = RestClient.builder().requestFactory(factory).build();
        if (!signer.signs()) {
            log.warn("locus.gateway.webhooks.secret is not set: webhook deliveries are not signed");
        }
    }

    /** @return deliveries attempted in this pass */
    @Transactional
    public int dispatchOnce() {
        List<WebhookDelivery> due = deliveries.lockDue(clock.instant(), properties.batchSize());
        for (WebhookDelivery delivery : due) {
            String error = send(delivery);
            Instant now = clock.instant();
            if (error == null) {
                delivery.delivered(now);
            } else {
                Instant next = backoff.next(delivery.getAttempts() + 1).map(now::plus).orElse(null);
                delivery.attemptFailed(error, next, now);
                if (next == null) {
                    log.warn("webhook delivery {} to {} given up after {} attempts: {}", delivery.getId(),
                            delivery.getUrl(), delivery.getAttempts(), error);
                }
            }
        }
        return due.size();
    }

    /** @return null on success, else why it failed */
    private String send(WebhookDelivery delivery) {
        byte[] body = delivery.getPayload().getBytes(StandardCharsets.UTF_8);
        try {
            var request = http.post().uri(delivery.getUrl()).contentType(MediaType.APPLICATION_JSON)
                    .header(WebhookSigner.DELIVERY_HEADER, String.valueOf(delivery.getId()))
                    .header("User-Agent", "locus-gateway");
            String signature = signer.signature(body);
            if (signature != null) {
                request.header(WebhookSigner.SIGNATURE_HEADER, signature);
            }
            var status = request.body(body).retrieve().toBodilessEntity().getStatusCode();
            return status.is2xxSuccessful() ? null : "HTTP " + status.value();
        } catch (org.springframework.web.client.RestClientResponseException e) {
            return "HTTP " + e.getStatusCode().value();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.length() > 500 ? message.substring(0, 500) : message;
        }
    }
}
