package io.taleforge.media.rest;

import java.io.IOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.media.store.LocalDiskMediaStore;
import io.taleforge.media.store.MediaStore;

/**
 * {@code GET /media/{key}}: the bytes of the local disk store (pictures, clips), with their
 * content type, in every service that depends on this module. Keys are content hashes, so a key's
 * bytes never change: cached for a year, immutable. Cloudinary serves its own media: with that
 * store selected nothing is on the disk and the answer is 404.
 */
@Path("/media")
public class MediaResource {

    static final String CACHE = "public, max-age=31536000, immutable";

    private final LocalDiskMediaStore store;

    public MediaResource(LocalDiskMediaStore store) {
        this.store = store;
    }

    @GET
    @Path("/{key}")
    @Blocking
    public Response get(@PathParam("key") String key) throws IOException {
        MediaStore.Media media = store.get(key).orElseThrow(() -> ProblemException.notFound("media " + key));
        return Response.ok(media.bytes(), media.contentType())
                .header("Cache-Control", CACHE)
                .header("ETag", "\"" + media.key() + "\"")
                .build();
    }
}
