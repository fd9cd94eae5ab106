package io.taleforge.film.rest;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.taleforge.commons.rest.ProblemException;
import io.taleforge.film.service.FilmService;

/** A story's film (internal REST, called by the gateway after its ownership check). */
@Path("/films/{storyId}")
@Produces(MediaType.APPLICATION_JSON)
public class FilmResource {

    private final FilmService films;

    public FilmResource(FilmService films) {
        this.films = films;
    }

    /** The film with every clip's and narration's state and the movie's; 404 when none was asked for. */
    @GET
    public FilmView get(@PathParam("storyId") String storyId) {
        return films.get(storyId(storyId));
    }

    /**
     * Make the film (202); 409 unless all 20 pictures are approved; 402 when its estimate does not
     * fit the story's cap or the reader's daily budget; asking again answers the same film.
     */
    @POST
    public Response request(@PathParam("storyId") String storyId) {
        return Response.accepted(films.request(storyId(storyId))).build();
    }

    /** What making the film is expected to cost: {@code {estimateUsd}} (0 for a free film). */
    @GET
    @Path("/estimate")
    public FilmEstimate estimate(@PathParam("storyId") String storyId) {
        return new FilmEstimate(films.estimate(storyId(storyId)));
    }

    /** The film's estimate in US dollars. */
    public record FilmEstimate(BigDecimal estimateUsd) {
    }

    /** Make a FAILED clip again (202); 409 when it has not failed. */
    @POST
    @Path("/clips/{sceneNumber}/retry")
    public Response retryClip(@PathParam("storyId") String storyId,
            @PathParam("sceneNumber") @Min(1) @Max(20) int sceneNumber) {
        return Response.accepted(films.retryClip(storyId(storyId), sceneNumber)).build();
    }

    /** Speak a FAILED narration again (202); 409 when it has not failed. The film is assembled again once it is READY. */
    @POST
    @Path("/narrations/{sceneNumber}/retry")
    public Response retryNarration(@PathParam("storyId") String storyId,
            @PathParam("sceneNumber") @Min(1) @Max(20) int sceneNumber) {
        return Response.accepted(films.retryNarration(storyId(storyId), sceneNumber)).build();
    }

    /** Assemble a FAILED film again without redoing clips or narrations (202); 409 when the assembly has not failed. */
    @POST
    @Path("/assemble")
    public Response assemble(@PathParam("storyId") String storyId) {
        return Response.accepted(films.assemble(storyId(storyId))).build();
    }

    /** Make every FAILED clip and narration again, and assemble a FAILED film again (202). */
    @POST
    @Path("/retry-failed")
    public Response retryFailed(@PathParam("storyId") String storyId) {
        return Response.accepted(films.retryFailed(storyId(storyId))).build();
    }

    private static UUID storyId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("storyId", "must be a story id (a UUID)");
        }
    }
}
