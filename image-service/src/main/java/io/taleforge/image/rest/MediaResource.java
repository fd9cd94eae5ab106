package io.taleforge.image.rest;

import java.io.IOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.image.store.MediaStores;
import io.taleforge.media.store.MediaStore;

/**
 * {@code GET /media/{key}}: the bytes of the local store, with their content type. Keys are
 * content hashes, so a key's bytes never change: cached for a year, immutable.
 */
@Path("/media")
public class MediaResource {

    static final String CACHE = "public, max-age=31536000, immutable";

    private final MediaStore store;

    public MediaResource(MediaStores stores) {
        this.store = stores.selected();
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
