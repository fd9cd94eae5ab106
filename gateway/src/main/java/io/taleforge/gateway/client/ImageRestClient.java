package io.taleforge.gateway.client;

import java.util.List;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** image-service's internal REST API; wrapped by {@link ImageClient}. */
@RegisterRestClient(configKey = "image-service")
@RegisterProvider(ServiceErrorMapper.Image.class)
interface ImageRestClient {

    @GET
    @Path("/images/{storyId}")
    List<ImageJob> images(@PathParam("storyId") String storyId);

    @GET
    @Path("/media/{key}")
    Response media(@PathParam("key") @Encoded String key);
}
