package dev.locus.gateway.jobs;

import dev.locus.common.jobs.JobView;
import dev.locus.gateway.idempotency.IdempotentRequest;
import dev.locus.gateway.results.Links;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/** Submitting discovery and edit jobs, and following them. */
@RestController
public class JobsController {

    private final JobsService jobs;
    private final JobEventHub events;
    private final JsonBodies bodies;
    private final Links links;

    public JobsController(JobsService jobs, JobEventHub events, JsonMapper json, Links links) {
        this.jobs = jobs;
        this.events = events;
        this.bodies = new JsonBodies(json);
        this.links = links;
    }

    @ApiResponse(responseCode = "202", description = "Accepted: the queued job, at the Location header's URL "
            + "(an Idempotency-Key seen before answers its job again, with Idempotent-Replayed: true)")
    @Operation(summary = "Find edit directions in an image (LOCO or JIVE)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DiscoveryRequest.class))))
    @PostMapping(path = "/v1/discoveries", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<JobView> discover(@RequestBody byte[] body,
            @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key) {
        DiscoveryRequest request = bodies.read(body, DiscoveryRequest.class);
        IdempotentRequest idempotency = IdempotentRequest.of("discoveries", key, "/v1/discoveries",
                bodies.canonical(request));
        return accepted(jobs.discover(request, idempotency));
    }

    @ApiResponse(responseCode = "202", description = "Accepted: the queued job, at the Location header's URL")
    @Operation(summary = "Edit an image along one or more directions",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = EditRequest.class))))
    @PostMapping(path = "/v1/edits", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<JobView> edit(@RequestBody byte[] body,
            @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key) {
        EditRequest request = bodies.read(body, EditRequest.class);
        IdempotentRequest idempotency = IdempotentRequest.of("edits", key, "/v1/edits", bodies.canonical(request));
        return accepted(jobs.edit(request, idempotency));
    }

    @Operation(summary = "A job: state, progress, error or result")
    @GetMapping("/v1/jobs/{id}")
    public JobView job(@PathVariable UUID id) {
        return jobs.view(id);
    }

    @Operation(summary = "Image i of a finished edit job (PNG)")
    @GetMapping(path = "/v1/jobs/{id}/images/{index}", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> image(@PathVariable UUID id, @PathVariable int index) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(jobs.editImage(id, index));
    }

    @ApiResponse(responseCode = "202", description = "The job, canceled or flagged to stop")
    @Operation(summary = "Cancel a job: at once when queued, at the worker's next step when running")
    @PostMapping("/v1/jobs/{id}/cancel")
    public ResponseEntity<JobView> cancel(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.cancel(id));
    }

    @Operation(summary = "Server-sent events: the job now, then each change until it ends")
    @GetMapping(path = "/v1/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@PathVariable UUID id) {
        return events.subscribe(id);
    }

    private ResponseEntity<JobView> accepted(JobSubmitter.Submission submission) {
        JobView job = submission.job();
        var response = ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(links.job(job.id())));
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(job);
    }
}
