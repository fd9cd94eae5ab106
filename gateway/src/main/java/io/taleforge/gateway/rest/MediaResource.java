package io.taleforge.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.service.StoryService;

/**
 * {@code /media/**}: the images of the local media store, proxied from image-service. Media keys
 * are content-addressed and unguessable, and images are public like any CDN URL (Cloudinary's are
 * too): no reader check here.
 */
@Path("/media")
@Tag(name = "media")
public class MediaResource {

    private final StoryService stories;

    public MediaResource(StoryService stories) {
        this.stories = stories;
    }

    @GET
    @Path("/{key: .+}")
    @Operation(summary = "An image of the local media store")
    public Response media(@PathParam("key") @Inputs.MediaKey String key) {
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
