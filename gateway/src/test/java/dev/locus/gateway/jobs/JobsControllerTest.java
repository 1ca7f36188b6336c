package dev.locus.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.locus.common.jobs.JobState;
import dev.locus.common.jobs.JobType;
import dev.locus.common.jobs.JobView;
import dev.locus.gateway.idempotency.IdempotentRequest;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.results.Links;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The jobs endpoints over HTTP, on the controller alone: what a submission answers (202, Location, replay header),
 * that an Idempotency-Key is bound to the parsed request, and that bodies the API refuses never reach the service.
 */
@WebMvcTest(JobsController.class)
class JobsControllerTest {

    @TestConfiguration
    static class Beans {
        @Bean
        Links links() {
            return new Links(null);
        }
    }

    @Autowired
    MockMvc http;

    @MockitoBean
    JobsService jobs;

    @MockitoBean
    JobEventHub events;

    private final UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");

    @Test
    void anAcceptedDiscoveryIsA202AtItsOwnUrl() throws Exception {
        given(jobs.discover(any(), any())).willReturn(new JobSubmitter.Submission(queued(), false));

        http.perform(post("/v1/discoveries").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "k1")
                        .content("{\"model\": \"faces\", \"image\": \"abc\", \"method\": \"LOCO\", \"name\": \"eyes\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/v1/jobs/" + id))
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.state").value("QUEUED"));

        ArgumentCaptor<DiscoveryRequest> request = ArgumentCaptor.forClass(DiscoveryRequest.class);
        ArgumentCaptor<IdempotentRequest> key = ArgumentCaptor.forClass(IdempotentRequest.class);
        verify(jobs).discover(request.capture(), key.capture());
        assertThat(request.getValue().method()).isEqualTo("LOCO");
        assertThat(key.getValue().key()).isEqualTo("k1");
        assertThat(key.getValue().scope()).isEqualTo("discoveries");
    }

    /** The key is bound to the parsed request: the same request in other whitespace and key order is the same. */
    @Test
    void theSameRequestWrittenAnotherWayHasTheSameIdempotencyFingerprint() throws Exception {
        given(jobs.discover(any(), any())).willReturn(new JobSubmitter.Submission(queued(), true));
        http.perform(post("/v1/discoveries").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "k")
                .content("{\"model\":\"faces\",\"image\":\"abc\",\"method\":\"LOCO\",\"name\":\"eyes\",\"timestep\":0.5}"))
                .andExpect(status().isAccepted()).andExpect(header().string("Idempotent-Replayed", "true"));
        http.perform(post("/v1/discoveries").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "k")
                .content("{ \"timestep\": 0.50, \"name\": \"eyes\", \"method\": \"LOCO\",\n \"image\": \"abc\", \"model\": \"faces\" }"))
                .andExpect(status().isAccepted());
        ArgumentCaptor<IdempotentRequest> keys = ArgumentCaptor.forClass(IdempotentRequest.class);
        verify(jobs, org.mockito.Mockito.times(2)).discover(any(), keys.capture());
        assertThat(keys.getAllValues().get(0).fingerprint()).isEqualTo(keys.getAllValues().get(1).fingerprint());
    }

    @Test
    void bodiesTheApiRefusesAreProblemsAndNeverReachTheService() throws Exception {
        http.perform(post("/v1/discoveries").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"model\": \"faces\", \"model\": \"other\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        http.perform(post("/v1/edits").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"model\": \"faces\", \"image\": \"abc\", \"steps\": 20.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("steps")));
        http.perform(post("/v1/discoveries").contentType(MediaType.TEXT_PLAIN).content("{}"))
                .andExpect(status().isUnsupportedMediaType());
        verify(jobs, never()).discover(any(), any());
        verify(jobs, never()).edit(any(), any());
    }

    @Test
    void anUnknownJobIsA404Problem() throws Exception {
        given(jobs.view(id)).willThrow(ApiProblem.notFound("id", "no job " + id));
        http.perform(get("/v1/jobs/" + id)).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("no job " + id));
        http.perform(get("/v1/jobs/not-a-uuid")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    private JobView queued() {
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        return new JobView(id, JobType.DISCOVERY, JobState.QUEUED, "faces", null, null, null, 0, null, now, null, null, now);
    }
}
