package dev.locus.gateway.directions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.locus.common.registry.DirectionVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The direction library over HTTP, on the controller alone: query parameters, status codes, download headers. */
@WebMvcTest(DirectionsController.class)
class DirectionsControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    DirectionLibrary library;

    @Test
    void aSearchPassesItsFiltersAndPageThrough() throws Exception {
        given(library.search("faces", "LOCO", "demo", "ey", 2, 5))
                .willReturn(new DirectionViews.Page<>(List.of(), 2, 5, 11, 3));
        http.perform(get("/v1/directions").param("model", "faces").param("method", "LOCO").param("tag", "demo")
                        .param("namePrefix", "ey").param("page", "2").param("size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(11))
                .andExpect(jsonPath("$.totalPages").value(3));
    }

    @Test
    void aBasisDownloadsAsANamedFileTaggedWithItsHash() throws Exception {
        DirectionVersion version = mock(DirectionVersion.class);
        given(version.getName()).willReturn("eyes");
        given(version.getVersion()).willReturn(3);
        given(version.getBasisSha256()).willReturn("ab".repeat(32));
        given(library.version("eyes@3")).willReturn(version);
        given(library.basis(version)).willReturn(new byte[] {1, 2, 3});

        http.perform(get("/v1/directions/eyes@3/basis"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"eyes@3.safetensors\""))
                .andExpect(header().string("ETag", "\"" + "ab".repeat(32) + "\""))
                .andExpect(content().bytes(new byte[] {1, 2, 3}));
    }

    @Test
    void aliasesAreSetFromTheirBodyAndDeletionsAnswerNoContent() throws Exception {
        given(library.putAlias("eyes", "stable", 2))
                .willReturn(new DirectionViews.Alias("eyes", "stable", 2, "eyes@2", Instant.EPOCH));
        http.perform(put("/v1/directions/eyes/aliases/stable").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 2}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ref").value("eyes@2"));
        http.perform(delete("/v1/directions/eyes/aliases/stable")).andExpect(status().isNoContent());
        verify(library).deleteAlias("eyes", "stable");
        http.perform(delete("/v1/directions/eyes@2")).andExpect(status().isNoContent());
        verify(library).delete("eyes@2");
    }

    @Test
    void aPatchWithTheWrongTypesIsAProblemAndChangesNothing() throws Exception {
        http.perform(patch("/v1/directions/eyes@1").contentType(MediaType.APPLICATION_JSON).content("{\"tags\": [1]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        http.perform(put("/v1/directions/eyes/aliases/stable").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 1.5}"))
                .andExpect(status().isBadRequest());
        verify(library, never()).patch(anyString(), any());
        verify(library, never()).putAlias(anyString(), anyString(), any());
    }
}
