package dev.locus.gateway.jobs;

import dev.locus.common.jobs.JobView;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.results.ResultMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live job streams. Each gateway instance reads the whole job-events topic in its own consumer
 * group (from the latest offset) and forwards each event to the streams open on this instance for
 * that job; a stream ends after its job reaches a final state.
 */
@Component
public class JobEventHub {

    private static final Logger log = LoggerFactory.getLogger(JobEventHub.class);

    private final Map<UUID, List<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final JobsService jobs;
    private final ResultMapper results;
    private final JsonMapper json;
    private final GatewayProperties.Events properties;

    public JobEventHub(JobsService jobs, ResultMapper results, JsonMapper json, GatewayProperties properties) {
        this.jobs = jobs;
        this.results = results;
        this.json = json;
        this.properties = properties.events();
    }

    /** Opens a stream: registered before the current state is read, so no change falls between. */
    public SseEmitter subscribe(UUID id) {
        jobs.view(id); // 404 for an unknown job, before anything is registered
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        streams.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(emitter);
        emitter.onCompletion(() -> remove(id, emitter));
        emitter.onTimeout(() -> remove(id, emitter));
        emitter.onError(e -> remove(id, emitter));
        send(id, emitter, jobs.view(id));
        return emitter;
    }

    @KafkaListener(topics = "${locus.kafka.topics.job-events:locus.job-events}",
            groupId = "${locus.gateway.events.group-id:locus-gateway-sse-${random.uuid}}",
            properties = "auto.offset.reset=latest",
            autoStartup = "${locus.gateway.events.enabled:true}")
    public void onEvent(String payload) {
        JobView event;
        try {
            event = json.readValue(payload, JobView.class);
        } catch (RuntimeException e) {
            log.warn("unreadable job event: {}", e.getMessage());
            return;
        }
        publish(event);
    }

    /** Forwards {@code event} to this instance's streams of its job. */
    public void publish(JobView event) {
        List<SseEmitter> open = streams.get(event.id());
        if (open == null || open.isEmpty()) {
            return;
        }
        JobView client = results.toClient(event);
        for (SseEmitter emitter : open) {
            sendMapped(event.id(), emitter, client);
        }
    }

    /** A comment line on every open stream, so proxies keep idle connections open. */
    public void heartbeat() {
        streams.forEach((id, open) -> open.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                remove(id, emitter);
            }
        }));
    }

    public int openStreams() {
        return streams.values().stream().mapToInt(List::size).sum();
    }

    private void send(UUID id, SseEmitter emitter, JobView view) {
        sendMapped(id, emitter, results.toClient(view));
    }

    private void sendMapped(UUID id, SseEmitter emitter, JobView view) {
        try {
            emitter.send(SseEmitter.event().name("job").id(view.updatedAt().toString())
                    .data(view, org.springframework.http.MediaType.APPLICATION_JSON));
            if (view.state().isFinal()) {
                emitter.complete();
                remove(id, emitter);
            }
        } catch (IOException | IllegalStateException e) {
            remove(id, emitter);
        }
    }

    private void remove(UUID id, SseEmitter emitter) {
        streams.computeIfPresent(id, (k, list) -> {
            list.remove(emitter);
            return list.isEmpty() ? null : list;
        });
    }
}
