package io.taleforge.film.picture;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * image-service's {@code GET /media/{key}} (base: {@code quarkus.rest-client.image-service.url},
 * IMAGE_SERVICE_URL): where a picture of the local store is read. Wrapped by {@link PictureSource}.
 */
@RegisterRestClient(configKey = "image-service")
@Path("/media")
interface ImageMediaClient {

    @GET
    @Path("/{key}")
    Response get(@PathParam("key") String key);
}
