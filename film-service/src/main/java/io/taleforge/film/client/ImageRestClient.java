package io.taleforge.film.client;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** image-service's media: the approved pictures of the local store; wrapped by {@link ImageClient}. */
@RegisterRestClient(configKey = "image-service")
@RegisterProvider(ServiceErrorMapper.class)
interface ImageRestClient {

    @GET
    @Path("/media/{key}")
    Response media(@PathParam("key") @Encoded String key);
}
