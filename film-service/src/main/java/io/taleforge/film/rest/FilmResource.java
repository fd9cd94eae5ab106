package io.taleforge.film.rest;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.taleforge.commons.rest.ProblemException;
import io.taleforge.film.service.FilmService;

/** The film of a story (internal REST, called by the gateway): ask for it, read it, retry failed clips. */
@Path("/films/{storyId}")
@Produces(MediaType.APPLICATION_JSON)
public class FilmResource {

    private final FilmService films;

    public FilmResource(FilmService films) {
        this.films = films;
    }

    /** 202 with the new film's queued clips; asking again answers 200 with the film as it is. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("storyId") UUID storyId, @NotNull @Valid FilmRequest request) {
        FilmService.FilmWithClips film = films.request(storyId, request.scenes().stream()
                .map(s -> new FilmService.Scene(s.sceneNumber(), s.imageUrl())).toList());
        return Response.status(film.created() ? 202 : 200).entity(FilmMapper.toView(film)).build();
    }

    /** The film and every clip's state; a FAILED clip says why. 404 when no film was asked for. */
    @GET
    public FilmView get(@PathParam("storyId") UUID storyId) {
        return films.find(storyId).map(FilmMapper::toView)
                .orElseThrow(() -> ProblemException.notFound("film of story " + storyId));
    }

    /** Queues every FAILED clip again; 202 with how many. */
    @POST
    @Path("/retry")
    public Response retryFailed(@PathParam("storyId") UUID storyId) {
        return Response.accepted(java.util.Map.of("requeued", films.retryFailed(storyId, null))).build();
    }

    /** Queues one FAILED clip again; 202 with how many (0 or 1). */
    @POST
    @Path("/clips/{sceneNumber}/retry")
    public Response retryClip(@PathParam("storyId") UUID storyId, @PathParam("sceneNumber") int sceneNumber) {
        return Response.accepted(java.util.Map.of("requeued", films.retryFailed(storyId, sceneNumber))).build();
    }
}
