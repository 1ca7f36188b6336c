package dev.locus.gateway.images;

import dev.locus.common.registry.StoredImage;
import dev.locus.gateway.idempotency.IdempotentRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploading images and masks, and reading them back. */
@RestController
public class ImagesController {

    private final ImagesService images;

    public ImagesController(ImagesService images) {
        this.images = images;
    }

    @ApiResponse(responseCode = "201", description = "Stored: the image, at the Location header's URL")
    @ApiResponse(responseCode = "200", description = "The same bytes were stored before: that image")
    @Operation(summary = "Upload a PNG or JPEG image or mask; optionally resize it to a model's resolution")
    @PostMapping(path = "/v1/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<ImageView> upload(@RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String model, @RequestParam(defaultValue = "false") boolean resize,
            @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key) {
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String path = "/v1/images?model=" + (model == null ? "" : model) + "&resize=" + resize;
        ImagesService.Upload upload = images.upload(bytes, model, resize, IdempotentRequest.of("images", key, path, bytes));
        return ResponseEntity.status(upload.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create(upload.image().url())).body(upload.image());
    }

    @Operation(summary = "The bytes of an uploaded image")
    @GetMapping("/v1/images/{id}")
    public ResponseEntity<byte[]> image(@PathVariable String id) {
        StoredImage image = images.find(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.getContentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .eTag("\"" + image.getId() + "\"")
                .body(images.bytes(image));
    }

    @Operation(summary = "An uploaded image's size and type")
    @GetMapping("/v1/images/{id}/info")
    public ImageView info(@PathVariable String id) {
        return images.view(id);
    }
}
