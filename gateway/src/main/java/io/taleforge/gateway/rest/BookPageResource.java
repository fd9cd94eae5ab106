package io.taleforge.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /stories/{id}/book}: the reading view's page (static HTML). It reads
 * {@code /api/stories/{id}/book} itself, as the reader, so the ownership check happens there.
 */
@Path("/stories/{id}/book")
@Tag(name = "storybook")
public class BookPageResource {

    private static final String PAGE = "META-INF/resources/book.html";

    @GET
    @Produces("text/html;charset=UTF-8")
    @Operation(summary = "The storybook in the browser (HTML page)")
    public byte[] page(@PathParam("id") @Inputs.StoryId String id) {
        try (InputStream in = BookPageResource.class.getClassLoader().getResourceAsStream(PAGE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
