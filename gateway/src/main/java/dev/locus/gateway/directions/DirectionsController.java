package dev.locus.gateway.directions;

import dev.locus.common.registry.DirectionVersion;
import dev.locus.gateway.jobs.JsonBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The direction library. {@code {ref}} is {@code name@version}, {@code name@alias}, a version id,
 * or (where a single version is meant) a bare name for its newest version.
 */
@RestController
public class DirectionsController {

    private final DirectionLibrary library;
    private final JsonBodies bodies;

    public DirectionsController(DirectionLibrary library, JsonMapper json) {
        this.library = library;
        this.bodies = new JsonBodies(json);
    }

    @Operation(summary = "Search direction versions (newest version first within a name)")
    @GetMapping("/v1/directions")
    public DirectionViews.Page<DirectionViews.Summary> search(@RequestParam(required = false) String model,
            @RequestParam(required = false) String method, @RequestParam(required = false) String tag,
            @RequestParam(required = false) String namePrefix, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return library.search(model, method, tag, namePrefix, page, size);
    }

    @Operation(summary = "A name (its versions and aliases), or one version's details for name@version, name@alias or an id")
    @GetMapping("/v1/directions/{ref}")
    public Object show(@PathVariable String ref) {
        return library.show(ref);
    }

    @Operation(summary = "Change a version's tags and/or description",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DirectionViews.Patch.class))))
    @PatchMapping(path = "/v1/directions/{ref}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DirectionViews.Detail patch(@PathVariable String ref, @RequestBody byte[] body) {
        return library.patch(ref, bodies.read(body, DirectionViews.Patch.class));
    }

    @Operation(summary = "Point an alias (name@alias) at a version",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DirectionViews.AliasTarget.class))))
    @PutMapping(path = "/v1/directions/{name}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DirectionViews.Alias putAlias(@PathVariable String name, @PathVariable String alias, @RequestBody byte[] body) {
        return library.putAlias(name, alias, bodies.read(body, DirectionViews.AliasTarget.class).version());
    }

    @ApiResponse(responseCode = "204", description = "Removed")
    @Operation(summary = "Remove an alias")
    @DeleteMapping("/v1/directions/{name}/aliases/{alias}")
    public ResponseEntity<Void> deleteAlias(@PathVariable String name, @PathVariable String alias) {
        library.deleteAlias(name, alias);
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Soft-delete a version that no alias and no unfinished edit uses")
    @DeleteMapping("/v1/directions/{ref}")
    public ResponseEntity<Void> delete(@PathVariable String ref) {
        library.delete(ref);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The version's basis (safetensors)")
    @GetMapping(path = "/v1/directions/{ref}/basis", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<byte[]> basis(@PathVariable String ref) {
        DirectionVersion version = library.version(ref);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(version.getName() + "@" + version.getVersion() + ".safetensors").build().toString())
                .eTag("\"" + version.getBasisSha256() + "\"")
                .body(library.basis(version));
    }

    @Operation(summary = "The version's preview image (PNG)")
    @GetMapping(path = "/v1/directions/{ref}/preview.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> preview(@PathVariable String ref) {
        DirectionVersion version = library.version(ref);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(library.preview(version));
    }
}
