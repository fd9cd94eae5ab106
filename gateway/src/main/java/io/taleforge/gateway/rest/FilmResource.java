package io.taleforge.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.taleforge.gateway.client.FilmEstimate;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.model.StoryView;
import io.taleforge.gateway.service.CurrentReader;
import io.taleforge.gateway.service.FilmFile;
import io.taleforge.gateway.service.FilmService;

/**
 * The film of a story (owner only): ask for it, read it, retry a failed clip or narration, assemble
 * a failed movie again, retry everything failed, and download the READY film and its subtitles.
 */
@Path("/api/stories/{id}/film")
@Tag(name = "film", description = "The narrated film of a story whose 20 pictures are approved")
@Produces(MediaType.APPLICATION_JSON)
public class FilmResource {

    private static final String ACCEPTED = "The film; what was asked for is on its way";

    private final FilmService films;
    private final CurrentReader reader;

    public FilmResource(FilmService films, CurrentReader reader) {
        this.films = films;
        this.reader = reader;
    }

    @GET
    @Operation(summary = "The film: its clips, narrations and movie (404 until it was asked for)")
    @APIResponse(responseCode = "200", description = "The film",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    public StoryView.Film film(@PathParam("id") @Inputs.StoryId String id) {
        return films.film(reader.owner(), StoryResource.canonical(id));
    }

    @GET
    @Path("/estimate")
    @Operation(summary = "What making the film is expected to cost: a clip and a narration per scene from the rate table (0 when free)")
    @APIResponse(responseCode = "200", description = "The estimate in US dollars",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilmEstimate.class)))
    public FilmEstimate estimate(@PathParam("id") @Inputs.StoryId String id) {
        return films.estimate(reader.owner(), StoryResource.canonical(id));
    }

    @POST
    @Operation(summary = "Make the film: a clip and a narration per scene, then the movie (409 until all 20 are approved; 402 when its estimate does not fit the story's cap or the reader's daily budget; asking twice makes one film)")
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response request(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(films.request(reader.owner(), StoryResource.canonical(id))).build();
    }

    @POST
    @Path("/clips/{n}/retry")
    @Operation(summary = "Make a FAILED clip again (409 when the clip has not failed)")
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response retryClip(@PathParam("id") @Inputs.StoryId String id,
            @PathParam("n") @Inputs.SceneNumber String n) {
        return Response.accepted(films.retryClip(reader.owner(), StoryResource.canonical(id), Integer.parseInt(n))).build();
    }

    @POST
    @Path("/narrations/{n}/retry")
    @Operation(summary = "Speak a FAILED narration again (409 when the narration has not failed)")
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response retryNarration(@PathParam("id") @Inputs.StoryId String id,
            @PathParam("n") @Inputs.SceneNumber String n) {
        return Response.accepted(films.retryNarration(reader.owner(), StoryResource.canonical(id), Integer.parseInt(n)))
                .build();
    }

    @POST
    @Path("/assemble")
    @Operation(summary = "Assemble a FAILED movie again from its clips and narrations, redoing neither (409 when the movie has not failed)")
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response assemble(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(films.assemble(reader.owner(), StoryResource.canonical(id))).build();
    }

    @POST
    @Path("/retry-failed")
    @Operation(summary = "Make every FAILED clip and narration again, and assemble a FAILED movie again")
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.Film.class)))
    public Response retryFailed(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(films.retryFailed(reader.owner(), StoryResource.canonical(id))).build();
    }

    @GET
    @Path("/film.mp4")
    @Produces("video/mp4")
    @Operation(summary = "The READY film as an MP4 download: H.264 + AAC, subtitles as a soft track (409 before)")
    @APIResponse(responseCode = "200", description = "The MP4 (attachment)",
            content = @Content(mediaType = "video/mp4", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response mp4(@PathParam("id") @Inputs.StoryId String id) {
        return file(id, FilmFile.MP4);
    }

    @GET
    @Path("/subtitles.vtt")
    @Produces("text/vtt")
    @Operation(summary = "The READY film's subtitles as WebVTT, shown in place (the player's track; 409 before)")
    @APIResponse(responseCode = "200", description = "The WebVTT track",
            content = @Content(mediaType = "text/vtt", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response vtt(@PathParam("id") @Inputs.StoryId String id) {
        return file(id, FilmFile.VTT);
    }

    @GET
    @Path("/subtitles.srt")
    @Produces("application/x-subrip")
    @Operation(summary = "The READY film's subtitles as an SRT download (409 before)")
    @APIResponse(responseCode = "200", description = "The SRT file (attachment)",
            content = @Content(mediaType = "application/x-subrip", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response srt(@PathParam("id") @Inputs.StoryId String id) {
        return file(id, FilmFile.SRT);
    }

    private Response file(String id, FilmFile file) {
        String storyId = StoryResource.canonical(id);
        MediaFile read = films.download(reader.owner(), storyId, file);
        return file.attachment() ? Attachment.of(read.bytes(), file.contentType(), file.fileName(storyId))
                : Response.ok(read.bytes(), file.contentType()).build();
    }
}
