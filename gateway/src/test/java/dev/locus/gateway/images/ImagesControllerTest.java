package dev.locus.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.locus.common.registry.StoredImage;
import dev.locus.gateway.idempotency.IdempotentRequest;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Images over HTTP, on the controller alone: 201 for new bytes, 200 for known ones, cache headers on downloads. */
@WebMvcTest(ImagesController.class)
class ImagesControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    ImagesService images;

    private final String id = "c".repeat(64);
    private final ImageView view = new ImageView(id, "image/png", 32, 32, 100, false, "/v1/images/" + id,
            java.time.Instant.EPOCH);

    @Test
    void newBytesAre201AndKnownOnes200AtTheImagesUrl() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "face.png", "image/png", new byte[] {9, 8, 7});
        given(images.upload(any(), eq("faces"), eq(true), any())).willReturn(new ImagesService.Upload(view, true),
                new ImagesService.Upload(view, false));

        http.perform(multipart("/v1/images").file(file).param("model", "faces").param("resize", "true")
                        .header("Idempotency-Key", "up-1"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/v1/images/" + id))
                .andExpect(jsonPath("$.id").value(id));
        http.perform(multipart("/v1/images").file(file).param("model", "faces").param("resize", "true"))
                .andExpect(status().isOk());

        ArgumentCaptor<byte[]> bytes = ArgumentCaptor.forClass(byte[].class);
        ArgumentCaptor<IdempotentRequest> key = ArgumentCaptor.forClass(IdempotentRequest.class);
        verify(images, org.mockito.Mockito.times(2)).upload(bytes.capture(), eq("faces"), eq(true), key.capture());
        assertThat(bytes.getAllValues().get(0)).containsExactly(9, 8, 7);
        assertThat(key.getAllValues().get(0).key()).isEqualTo("up-1");
        assertThat(key.getAllValues().get(0).scope()).isEqualTo("images");
    }

    @Test
    void anImageDownloadsWithItsTypeAndAsImmutable() throws Exception {
        StoredImage stored = mock(StoredImage.class);
        given(stored.getId()).willReturn(id);
        given(stored.getContentType()).willReturn("image/jpeg");
        given(images.find(id)).willReturn(stored);
        given(images.bytes(stored)).willReturn(new byte[] {1, 2});

        http.perform(get("/v1/images/" + id))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg"))
                .andExpect(header().string("ETag", "\"" + id + "\""))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("immutable")))
                .andExpect(content().bytes(new byte[] {1, 2}));
    }

    @Test
    void anUploadWithoutAFilePartIsAProblem() throws Exception {
        http.perform(multipart("/v1/images").param("model", "faces"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }
}
