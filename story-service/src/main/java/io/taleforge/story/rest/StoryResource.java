package io.taleforge.story.rest;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

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

import io.taleforge.commons.rest.ProblemException;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.mapping.StoryMapper;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.rest.StoryViews.CreateStoryRequest;
import io.taleforge.story.rest.StoryViews.EditSceneRequest;
import io.taleforge.story.rest.StoryViews.SceneView;
import io.taleforge.story.rest.StoryViews.StoryPage;
import io.taleforge.story.rest.StoryViews.StoryView;
import io.taleforge.story.service.StoryService;

/**
 * Stories over the internal REST contract. The gateway sends {@code X-Taleforge-Owner} (hex
 * SHA-256 of the reader token): required on create, and on every other call a story of another
 * owner answers 404 like an unknown one. Calls without the header are not filtered.
 */
@Path("/stories")
@Produces(MediaType.APPLICATION_JSON)
public class StoryResource {

    public static final String OWNER_HEADER = "X-Taleforge-Owner";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final StoryService stories;
    private final StoryMapper mapper;
    private final StoryConfig config;

    public StoryResource(StoryService stories, StoryMapper mapper, StoryConfig config) {
        this.stories = stories;
        this.mapper = mapper;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(OWNER_HEADER) String owner, CreateStoryRequest request) {
        if (owner == null || owner.isBlank()) {
            throw ProblemException.badRequest(OWNER_HEADER, "is required");
        }
        if (!SHA256_HEX.matcher(owner.trim()).matches()) {
            throw ProblemException.badRequest(OWNER_HEADER, "must be a hex SHA-256 (64 hex digits)");
        }
        if (request == null) {
            throw ProblemException.badRequest("answers", "is required");
        }
        UUID id = stories.create(owner.trim().toLowerCase(Locale.ROOT), request.answers());
        StoryView view = mapper.view(stories.get(id, null));
        return Response.created(URI.create("/stories/" + id)).entity(view).build();
    }

    @GET
    @Path("/{id}")
    public StoryView get(@PathParam("id") String id, @HeaderParam(OWNER_HEADER) String owner) {
        return mapper.view(stories.get(storyId(id), owner(owner)));
    }

    @GET
    public StoryPage list(@HeaderParam(OWNER_HEADER) String owner, @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        StoryService.Page page = stories.list(owner(owner), parseLimit(limit), after);
        return new StoryPage(page.items().stream().map(mapper::summary).toList(), page.next());
    }

    @PUT
    @Path("/{id}/scenes/{n}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SceneView editScene(@PathParam("id") String id, @PathParam("n") String n,
            @HeaderParam(OWNER_HEADER) String owner, EditSceneRequest request) {
        int number = sceneNumber(n);
        String text = sceneText(request);
        return mapper.scene(stories.editScene(storyId(id), number, text, owner(owner)));
    }

    @POST
    @Path("/{id}/approve-scenes")
    public Response approveScenes(@PathParam("id") String id, @HeaderParam(OWNER_HEADER) String owner) {
        UUID storyId = storyId(id);
        stories.approveScenes(storyId, owner(owner));
        return Response.accepted(mapper.view(stories.get(storyId, null))).build();
    }

    /** The owner to filter on: null without the header (service-to-service calls are not filtered). */
    private static String owner(String header) {
        return header == null || header.isBlank() ? null : header.trim().toLowerCase(Locale.ROOT);
    }

    /** A malformed id cannot name a story: 404 like an unknown one. */
    private static UUID storyId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("story " + id);
        }
    }

    private static int sceneNumber(String n) {
        Optional<Integer> number;
        try {
            number = Optional.of(Integer.parseInt(n.trim()));
        } catch (NumberFormatException e) {
            number = Optional.empty();
        }
        return number.filter(v -> v >= 1 && v <= ArcStage.SCENES)
                .orElseThrow(() -> ProblemException.badRequest("n", "must be a scene number from 1 to " + ArcStage.SCENES));
    }

    private String sceneText(EditSceneRequest request) {
        if (request == null || request.text() == null) {
            throw ProblemException.badRequest("text", "is required");
        }
        if (!(request.text() instanceof String raw)) {
            throw ProblemException.badRequest("text", "must be a string");
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            throw ProblemException.badRequest("text", "must not be blank");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            throw ProblemException.badRequest("text", "must not contain control characters");
        }
        int max = config.writer().maxSceneLength();
        if (text.length() > max) {
            throw ProblemException.badRequest("text", "must be at most %d characters".formatted(max));
        }
        return text;
    }

    private static Integer parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit", "must be a whole number");
        }
    }
}
