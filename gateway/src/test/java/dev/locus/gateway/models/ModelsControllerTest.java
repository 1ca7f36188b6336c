package dev.locus.gateway.models;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.ModelRecordRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The models endpoints over HTTP, on the controller alone: JSON shapes, the retired filter, a 404 as a problem. */
@WebMvcTest(ModelsController.class)
class ModelsControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    ModelRecordRepository models;

    @Test
    void listsTheModelsThatServeJobsAndOnRequestTheRetiredOnes() throws Exception {
        ModelRecord serving = new ModelRecord("faces", "faces", "sha256:ab", "UNet2DModel", 32, 3, "summary", Instant.EPOCH);
        ModelRecord pending = new ModelRecord("new", "new", null, "UNet2DModel", 64, 3, null, Instant.EPOCH);
        ModelRecord retired = new ModelRecord("old", "old", "sha256:cd", "UNet2DModel", 32, 3, "summary", Instant.EPOCH);
        retired.retire(Instant.parse("2026-12-01T00:00:00Z"));
        given(models.findAll(any(Sort.class))).willReturn(List.of(serving, pending, retired));

        http.perform(get("/v1/models")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].id").value("faces"))
                .andExpect(jsonPath("$[0].fingerprint").value("sha256:ab"))
                .andExpect(jsonPath("$[0].resolution").value(32))
                .andExpect(jsonPath("$[1].fingerprint").value(org.hamcrest.Matchers.nullValue()));
        http.perform(get("/v1/models").param("includeRetired", "true")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[2].retiredAt").value("2026-12-01T00:00:00Z"));
    }

    @Test
    void anUnknownModelIsAProblemNamingIt() throws Exception {
        given(models.findById("nope")).willReturn(Optional.empty());
        http.perform(get("/v1/models/nope")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nope")));
    }
}
