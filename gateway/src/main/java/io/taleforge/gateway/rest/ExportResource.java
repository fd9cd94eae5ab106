package io.taleforge.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.taleforge.commons.rest.Problem;
import io.taleforge.gateway.service.BookService;
import io.taleforge.gateway.service.CurrentReader;

/** {@code GET /api/stories/{id}/export}: everything about a story as a ZIP (owner only, at any stage). */
@Path("/api/stories/{id}/export")
@Tag(name = "storybook")
public class ExportResource {

    public static final String ZIP = "application/zip";

    private final BookService books;
    private final CurrentReader reader;

    public ExportResource(BookService books, CurrentReader reader) {
        this.books = books;
        this.reader = reader;
    }

    @GET
    @Produces(ZIP)
    @Operation(summary = "Everything about the story as a ZIP: story.json (its schema in story.schema.json), attempts.csv, the approved pictures")
    @APIResponse(responseCode = "200", description = "The story's export as a ZIP download",
            content = @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    @APIResponse(responseCode = "502", description = "A picture kept outside the media store (Cloudinary) could not be fetched; the problem names its scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@PathParam("id") @Inputs.StoryId String id) {
        String storyId = StoryResource.canonical(id);
        return Attachment.of(books.export(reader.owner(), storyId), ZIP, "taleforge-" + storyId + ".zip");
    }
}
