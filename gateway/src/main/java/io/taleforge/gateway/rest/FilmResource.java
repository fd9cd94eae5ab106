package io.taleforge.gateway.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.taleforge.gateway.model.StoryView;
import io.taleforge.gateway.service.CurrentReader;
import io.taleforge.gateway.service.FilmService;

/** The film of a story (owner only): ask for it, retry one failed clip, retry all failed. */
@Path("/api/stories/{id}/film")
@Tag(name = "film", description = "The narrated film of a story whose 20 pictures are approved")
@Produces(MediaType.APPLICATION_JSON)
public class FilmResource {

    private final FilmService films;
    private final CurrentReader reader;

    public FilmResource(FilmService films, CurrentReader reader) {
        this.films = films;
        this.reader = reader;
    }

    @POST
    @Operation(summary = "Make the film: a clip per scene from its approved picture (409 until all 20 are approved; asking twice makes one film)")
    @APIResponse(responseCode = "202", description = "The film; its clips are on their way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response request(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(films.request(reader.owner(), StoryResource.canonical(id))).build();
    }

    @POST
    @Path("/clips/{n}/retry")
    @Operation(summary = "Make a FAILED clip again (409 when the clip has not failed)")
    @APIResponse(responseCode = "202", description = "The film; its clips are on their way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response retryClip(@PathParam("id") @Inputs.StoryId String id,
            @PathParam("n") @Inputs.SceneNumber String n) {
        return Response.accepted(films.retryClip(reader.owner(), StoryResource.canonical(id), Integer.parseInt(n))).build();
    }

    @POST
    @Path("/retry-failed")
    @Operation(summary = "Make every FAILED clip again")
    @APIResponse(responseCode = "202", description = "The film; its clips are on their way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    public Response retryFailed(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(films.retryFailed(reader.owner(), StoryResource.canonical(id))).build();
    }
}
