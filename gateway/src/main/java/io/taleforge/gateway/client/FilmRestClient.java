package io.taleforge.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.taleforge.commons.client.ServiceErrorException;

/** film-service's internal REST API; wrapped by {@link FilmClient}. */
@RegisterRestClient(configKey = "film-service")
@Produces(MediaType.APPLICATION_JSON)
interface FilmRestClient {

    @GET
    @Path("/films/{storyId}")
    FilmDocument film(@PathParam("storyId") String storyId);

    @POST
    @Path("/films/{storyId}")
    FilmDocument request(@PathParam("storyId") String storyId);

    @GET
    @Path("/films/{storyId}/estimate")
    FilmEstimate estimate(@PathParam("storyId") String storyId);

    @POST
    @Path("/films/{storyId}/clips/{n}/retry")
    FilmDocument retryClip(@PathParam("storyId") String storyId, @PathParam("n") int n);

    @POST
    @Path("/films/{storyId}/narrations/{n}/retry")
    FilmDocument retryNarration(@PathParam("storyId") String storyId, @PathParam("n") int n);

    @POST
    @Path("/films/{storyId}/assemble")
    FilmDocument assemble(@PathParam("storyId") String storyId);

    @POST
    @Path("/films/{storyId}/retry-failed")
    FilmDocument retryFailed(@PathParam("storyId") String storyId);

    /** Every answer ≥ 400 as a {@link ServiceErrorException} naming film-service. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ServiceErrorException.of("film-service", response);
    }
}
