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

/** {@code GET /api/stories/{id}/book.pdf}: the storybook as a PDF download (owner only). */
@Path("/api/stories/{id}/book.pdf")
@Tag(name = "storybook")
public class BookPdfResource {

    public static final String PDF = "application/pdf";

    private final BookService books;
    private final CurrentReader reader;

    public BookPdfResource(BookService books, CurrentReader reader) {
        this.books = books;
        this.reader = reader;
    }

    @GET
    @Produces(PDF)
    @Operation(summary = "The storybook as a PDF: cover, a page per scene with its picture, page numbers (409 until all approved)")
    @APIResponse(responseCode = "200", description = "The storybook as a PDF download",
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    @APIResponse(responseCode = "502", description = "A picture kept outside the media store (Cloudinary) could not be fetched; the problem names its scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pdf(@PathParam("id") @Inputs.StoryId String id) {
        String storyId = StoryResource.canonical(id);
        return Attachment.of(books.pdf(reader.owner(), storyId), PDF, "taleforge-" + storyId + ".pdf");
    }
}
