package dev.locus.gateway.webhooks;

import dev.locus.common.webhooks.WebhookDelivery;
import dev.locus.common.webhooks.WebhookDeliveryRepository;
import dev.locus.common.jobs.JobView;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.results.ResultMapper;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due webhook deliveries. Rows are locked for the pass ({@code for update skip locked}), so
 * gateways never send one twice at once; 2xx marks a delivery done, anything else schedules a retry
 * by {@link Backoff} until the attempts run out. Receivers may still see a delivery twice (a crash
 * after the POST): {@code X-Locus-Delivery} identifies it. The body is the job as {@code GET /v1/jobs/{id}}
 * shows it, results mapped at send time, so an edit's presigned image URLs are fresh on every attempt.
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
    private final ResultMapper results;
    private final JsonMapper json;

    public WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSigner signer, Backoff backoff,
                             GatewayProperties properties, Clock clock, ResultMapper results, JsonMapper json) {
        this.deliveries = deliveries;
        this.results = results;
        this.json = json;
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

    /** The stored job view (storage keys, as the workers wrote it) in the API's form. */
    private String clientBody(String payload) {
        JobView stored;
        try {
            stored = json.readValue(payload, JobView.class);
        } catch (JacksonException e) {
            return payload;  // not a job view: send it as it was stored
        }
        return json.writeValueAsString(results.toClient(stored));
    }

    /** @return null on success, else why it failed */
    private String send(WebhookDelivery delivery) {
        try {
            byte[] body = clientBody(delivery.getPayload()).getBytes(StandardCharsets.UTF_8);
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
