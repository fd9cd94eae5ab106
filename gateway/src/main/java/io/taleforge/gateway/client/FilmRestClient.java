package io.taleforge.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** film-service's internal REST API; wrapped by {@link FilmClient}. */
@RegisterRestClient(configKey = "film-service")
@RegisterProvider(ServiceErrorMapper.Film.class)
@Produces(MediaType.APPLICATION_JSON)
interface FilmRestClient {

    @GET
    @Path("/films/{storyId}")
    FilmDocument film(@PathParam("storyId") String storyId);

    @POST
    @Path("/films/{storyId}")
    FilmDocument request(@PathParam("storyId") String storyId);

    @POST
    @Path("/films/{storyId}/clips/{n}/retry")
    FilmDocument retryClip(@PathParam("storyId") String storyId, @PathParam("n") int n);

    @POST
    @Path("/films/{storyId}/retry-failed")
    FilmDocument retryFailed(@PathParam("storyId") String storyId);
}
