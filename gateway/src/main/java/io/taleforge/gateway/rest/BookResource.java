package io.taleforge.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.taleforge.gateway.model.Book;
import io.taleforge.gateway.service.BookService;
import io.taleforge.gateway.service.CurrentReader;

/**
 * {@code GET /api/stories/{id}/book}: the storybook for the reading view (owner only). Each book
 * route is its own resource class whose path is no prefix of another route's.
 */
@Path("/api/stories/{id}/book")
@Tag(name = "storybook")
public class BookResource {

    private final BookService books;
    private final CurrentReader reader;

    public BookResource(BookService books, CurrentReader reader) {
        this.books = books;
        this.reader = reader;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The storybook: title, hero, the reader's choices and a page per scene (409 until all 20 pictures are approved)")
    @APIResponse(responseCode = "200", description = "The storybook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Book.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Book book(@PathParam("id") @Inputs.StoryId String id) {
        return books.book(reader.owner(), StoryResource.canonical(id));
    }
}
