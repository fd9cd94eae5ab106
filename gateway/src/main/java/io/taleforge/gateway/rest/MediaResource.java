package io.taleforge.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.taleforge.commons.rest.Problem;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.service.StoryService;

/**
 * {@code /media/**}: the images of the local media store, proxied from image-service. Media keys
 * are content-addressed and unguessable, and images are public like any CDN URL (Cloudinary's are
 * too): no reader check here.
 */
@Path("/media")
@Tag(name = "media", description = "Images, clips, narration, films and subtitles of the local media store (public)")
public class MediaResource {

    private final StoryService stories;

    public MediaResource(StoryService stories) {
        this.stories = stories;
    }

    @GET
    @Path("/{key: .+}")
    @Operation(summary = "An image, clip, narration, film or subtitle file of the local media store (public: no reader token)")
    @APIResponse(responseCode = "200", description = "The bytes, with the store's Content-Type",
            headers = {
                @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)) },
            content = {
                @Content(mediaType = "image/*", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "video/*", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "audio/*", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "text/vtt", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = "application/x-subrip", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "404", description = "No such media key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response media(@PathParam("key") @Inputs.MediaKey @Parameter(description = "the media key as found in an "
            + "image or clip url (the local store's are `<sha256>.<ext>`; a key of several segments is accepted too)")
            String key) {
        MediaFile file = stories.media(key);
        Response.ResponseBuilder response = Response.ok(file.bytes())
                .type(file.contentType() == null ? "application/octet-stream" : file.contentType());
        if (file.cacheControl() != null) {
            response.header(HttpHeaders.CACHE_CONTROL, file.cacheControl());
        }
        if (file.etag() != null) {
            response.header(HttpHeaders.ETAG, file.etag());
        }
        return response.build();
    }
}
