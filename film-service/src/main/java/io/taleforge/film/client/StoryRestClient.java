package io.taleforge.film.client;

import jakarta.ws.rs.Consumes;
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

/** story-service's internal REST API (no owner header: the whole story); wrapped by {@link StoryClient}. */
@RegisterRestClient(configKey = "story-service")
@Produces(MediaType.APPLICATION_JSON)
interface StoryRestClient {

    @GET
    @Path("/stories/{id}")
    StoryDocument story(@PathParam("id") String storyId);

    @POST
    @Path("/stories/{id}/film-reservation")
    @Consumes(MediaType.APPLICATION_JSON)
    FilmReservation.Reserved reserveFilm(@PathParam("id") String storyId, FilmReservation.Request request);

    /** Every answer ≥ 400 as a {@link ServiceErrorException} naming story-service. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ServiceErrorException.of("story-service", response);
    }
}
