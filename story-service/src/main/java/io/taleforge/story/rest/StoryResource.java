package io.taleforge.story.rest;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.taleforge.story.mapping.StoryMapper;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.rest.StoryViews.CreateStoryRequest;
import io.taleforge.story.rest.StoryViews.EditSceneRequest;
import io.taleforge.story.rest.StoryViews.SceneView;
import io.taleforge.story.rest.StoryViews.StoryPage;
import io.taleforge.story.rest.StoryViews.StoryView;
import io.taleforge.story.service.StoryBudget;
import io.taleforge.story.service.StoryService;

/**
 * Stories over the internal REST contract: validates (Bean Validation on the parameters and the
 * request records), delegates to {@link StoryService} and maps to views; what goes wrong is
 * answered by {@link StoryProblemMapper}. The gateway sends {@code X-Taleforge-Owner} (hex
 * SHA-256 of the reader token): required on create, and on every other call a story of another
 * owner answers 404 like an unknown one. Calls without the header are not filtered. A malformed
 * story id cannot name a story: 404 like an unknown one.
 */
@Path("/stories")
@Produces(MediaType.APPLICATION_JSON)
public class StoryResource {

    public static final String OWNER_HEADER = "X-Taleforge-Owner";

    /** 64 hex digits, or nothing (a blank header is "is required", not also "must be a hex SHA-256"). */
    static final String SHA256_HEX = "\\s*([0-9a-fA-F]{64})?\\s*";

    /** A scene number from 1 to 20. */
    static final String SCENE_NUMBER = "\\s*0*([1-9]|1[0-9]|20)\\s*";

    private final StoryService stories;
    private final StoryMapper mapper;
    private final StoryBudget budget;

    public StoryResource(StoryService stories, StoryMapper mapper, StoryBudget budget) {
        this.stories = stories;
        this.mapper = mapper;
        this.budget = budget;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(
            @HeaderParam(OWNER_HEADER) @NotBlank(message = "is required")
            @Pattern(regexp = SHA256_HEX, message = "must be a hex SHA-256 (64 hex digits)") String owner,
            @NotNull(message = "is required") @Valid CreateStoryRequest request) {
        UUID id = stories.create(owner(owner), request.answers());
        StoryView view = mapper.view(stories.get(id, null), stories.place(id));
        return Response.accepted(view).location(URI.create("/stories/" + id)).build();
    }

    @GET
    @Path("/{id}")
    public StoryView get(@PathParam("id") UUID id, @HeaderParam(OWNER_HEADER) String owner) {
        return mapper.view(stories.get(id, owner(owner)), stories.place(id));
    }

    /** Stops the writing (202, the story as it stands); the scenes written stay, the rest become placeholders. */
    @POST
    @Path("/{id}/stop-writing")
    public Response stopWriting(@PathParam("id") UUID id, @HeaderParam(OWNER_HEADER) String owner) {
        stories.stopWriting(id, owner(owner));
        return Response.accepted(mapper.view(stories.get(id, null), stories.place(id))).build();
    }

    @GET
    public StoryPage list(@HeaderParam(OWNER_HEADER) String owner, @QueryParam("limit") @PageLimit String limit,
            @QueryParam("after") String after) {
        Integer size = limit == null || limit.isBlank() ? null : Integer.valueOf(limit.strip());
        StoryService.Page page = stories.list(owner(owner), size, after);
        return new StoryPage(page.items().stream().map(mapper::summary).toList(), page.next());
    }

    @PUT
    @Path("/{id}/scenes/{n}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SceneView editScene(@PathParam("id") UUID id,
            @PathParam("n") @Pattern(regexp = SCENE_NUMBER,
                    message = "must be a scene number from 1 to " + ArcStage.SCENES) String n,
            @HeaderParam(OWNER_HEADER) String owner, @NotNull(message = "is required") @Valid EditSceneRequest request) {
        int number = Integer.parseInt(n.strip());
        return mapper.scene(stories.editScene(id, number, request.text(), owner(owner)));
    }

    @POST
    @Path("/{id}/approve-scenes")
    public Response approveScenes(@PathParam("id") UUID id, @HeaderParam(OWNER_HEADER) String owner) {
        stories.approveScenes(id, owner(owner));
        return Response.accepted(mapper.view(stories.get(id, null))).build();
    }

    /** The estimate of approving the scenes and of one picture, what the story has committed and spent (US dollars). */
    @GET
    @Path("/{id}/budget")
    public StoryBudget.View budget(@PathParam("id") UUID id, @HeaderParam(OWNER_HEADER) String owner) {
        return budget.of(stories.get(id, owner(owner)));
    }

    /** The owner to filter on: null without the header (service-to-service calls are not filtered). */
    private static String owner(String header) {
        return header == null || header.isBlank() ? null : header.trim().toLowerCase(Locale.ROOT);
    }
}
