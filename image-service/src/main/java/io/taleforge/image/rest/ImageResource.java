package io.taleforge.image.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.taleforge.commons.rest.ProblemException;
import io.taleforge.image.mapping.ImageStatusMapper;
import io.taleforge.image.service.ImageJobService;

/** {@code GET /images/{storyId}}: every job (attempt) of a story with its latest status. */
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

    private final ImageJobService jobs;

    public ImageResource(ImageJobService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("/{storyId}")
    public List<ImageStatusMapper.ImageView> forStory(@PathParam("storyId") String storyId) {
        UUID id;
        try {
            id = UUID.fromString(storyId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("storyId", "must be a UUID");
        }
        return jobs.forStory(id).stream().map(ImageStatusMapper::view).toList();
    }
}
