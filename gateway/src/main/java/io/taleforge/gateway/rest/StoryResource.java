package io.taleforge.gateway.rest;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.rest.Problem;
import io.taleforge.gateway.model.StoryView;
import io.taleforge.gateway.service.CurrentReader;
import io.taleforge.gateway.service.EventFeed;
import io.taleforge.gateway.service.StoryService;
import io.taleforge.gateway.service.StreamId;
import io.vertx.core.http.HttpServerRequest;

/** The public API of stories: validated request records and parameters, then the service. */
@Path("/api")
@Tag(name = "stories", description = "The quiz, stories, scene texts, image decisions and the live event stream")
@Produces(MediaType.APPLICATION_JSON)
public class StoryResource {

    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private final StoryService stories;
    private final EventFeed feed;
    private final CurrentReader reader;
    private final ObjectMapper json;

    public StoryResource(StoryService stories, EventFeed feed, CurrentReader reader, ObjectMapper json) {
        this.stories = stories;
        this.feed = feed;
        this.reader = reader;
        this.json = json;
    }

    @GET
    @Path("/quiz")
    @Operation(summary = "The quiz: questions, their options and when each is shown")
    @APIResponse(responseCode = "200", description = "The quiz")
    public ApiDocuments.Quiz quiz() {
        return read(stories.quiz(), ApiDocuments.Quiz.class);
    }

    @POST
    @Path("/stories")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the quiz: a 20-scene story owned by the caller, written in the background (each scene"
            + " arrives on the story's event stream as `scene` the moment it is written)")
    @APIResponse(responseCode = "202", description = "The story, WRITING (its scenes so far, its place in the queue)",
            headers = @Header(name = "Location", description = "/api/stories/{id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiDocuments.Story.class)))
    public Response create(@NotNull(message = "must be a JSON object") @Valid NewStoryRequest body) {
        ApiDocuments.Story story = read(stories.create(reader.owner(), body), ApiDocuments.Story.class);
        return Response.accepted(story).location(URI.create("/api/stories/" + story.id())).build();
    }

    @POST
    @Path("/stories/{id}/stop-writing")
    @Operation(summary = "Stop writing the story: the scenes written stay, the rest become marked placeholders")
    @APIResponse(responseCode = "202", description = "The story as it stands; the writing ends shortly",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiDocuments.Story.class)))
    public Response stopWriting(@PathParam("id") @Inputs.StoryId String id) {
        JsonNode story = stories.stopWriting(reader.owner(), canonical(id));
        return Response.accepted(read(story, ApiDocuments.Story.class)).build();
    }

    @GET
    @Path("/stories")
    @Operation(summary = "The caller's stories, newest first, a page at a time (follow `next` as `after`)")
    @APIResponse(responseCode = "200", description = "A page of the caller's stories")
    public ApiDocuments.StoryPage list(
            @QueryParam("limit") @Inputs.Limit @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "100")) String limit,
            @QueryParam("after") @Inputs.StoryId @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            String after) {
        JsonNode page = stories.list(reader.owner(), limit == null ? null : Integer.valueOf(limit), canonical(after));
        return read(page, ApiDocuments.StoryPage.class);
    }

    @GET
    @Path("/stories/{id}")
    @Operation(summary = "The whole current state: story, scenes, latest image and approval per scene, counts, "
            + "and the event stream position it was taken at")
    @APIResponse(responseCode = "200", description = "The story's state")
    public StoryView get(@PathParam("id") @Inputs.StoryId String id) {
        return stories.view(reader.owner(), canonical(id));
    }

    @PUT
    @Path("/stories/{id}/scenes/{n}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a scene's text (until the scenes are approved)")
    @APIResponse(responseCode = "200", description = "The scene as edited")
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public ApiDocuments.Scene editScene(@PathParam("id") @Inputs.StoryId String id,
            @PathParam("n") @Inputs.SceneNumber String n,
            @NotNull(message = "must be a JSON object") @Valid SceneEditRequest body) {
        return read(stories.editScene(reader.owner(), canonical(id), Integer.parseInt(n), body), ApiDocuments.Scene.class);
    }

    @GET
    @Path("/stories/{id}/budget")
    @Operation(summary = "The story's money: the estimate of approving its scenes and of a regeneration, what it "
            + "holds and what it has spent (US dollars)")
    @APIResponse(responseCode = "200", description = "The story's budget")
    public ApiDocuments.Budget budget(@PathParam("id") @Inputs.StoryId String id) {
        return read(stories.budget(reader.owner(), canonical(id)), ApiDocuments.Budget.class);
    }

    @POST
    @Path("/stories/{id}/approve-scenes")
    @Operation(summary = "Approve the scene texts: prompts are written and the hero's portrait requested (the 20"
            + " scenes' pictures follow its approval)")
    @APIResponse(responseCode = "202", description = "The story with its prompts; the portrait is on its way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiDocuments.Story.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response approveScenes(@PathParam("id") @Inputs.StoryId String id) {
        JsonNode story = stories.approveScenes(reader.owner(), canonical(id));
        return Response.accepted(read(story, ApiDocuments.Story.class)).build();
    }

    @POST
    @Path("/stories/{id}/scenes/{n}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a picture's image: 0 the hero's portrait (approving it starts the 20 scenes),"
            + " 1 to 20 a scene (a rejection's feedback goes into the next attempt)")
    @APIResponse(responseCode = "200", description = "The scene's approval state")
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public ApiDocuments.SceneApproval decide(@PathParam("id") @Inputs.StoryId String id,
            @PathParam("n") @Inputs.PictureNumber String n,
            @NotNull(message = "must be a JSON object") @Valid DecisionRequest body) {
        JsonNode scene = stories.decide(reader.owner(), canonical(id), Integer.parseInt(n), body);
        return read(scene, ApiDocuments.SceneApproval.class);
    }

    @POST
    @Path("/stories/{id}/scenes/{n}/retry")
    @Operation(summary = "Ask again for a scene's FAILED image")
    @APIResponse(responseCode = "202", description = "The scene's approval state; the picture is on its way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiDocuments.SceneApproval.class)))
    @APIResponse(ref = ApiDefinition.CONFLICT, responseCode = "409")
    public Response retry(@PathParam("id") @Inputs.StoryId String id, @PathParam("n") @Inputs.PictureNumber String n) {
        JsonNode scene = stories.retry(reader.owner(), canonical(id), Integer.parseInt(n));
        return Response.accepted(read(scene, ApiDocuments.SceneApproval.class)).build();
    }

    @POST
    @Path("/stories/{id}/approve-all")
    @Operation(summary = "Approve every image that waits for a decision (PENDING); the others are left as they are")
    @APIResponse(responseCode = "200", description = "The scenes approved")
    public ApiDocuments.Bulk approveAll(@PathParam("id") @Inputs.StoryId String id) {
        return read(stories.approveAll(reader.owner(), canonical(id)), ApiDocuments.Bulk.class);
    }

    @POST
    @Path("/stories/{id}/retry-failed")
    @Operation(summary = "Ask again for every FAILED image of the story")
    @APIResponse(responseCode = "202", description = "The scenes asked again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiDocuments.Bulk.class)))
    public Response retryFailed(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(read(stories.retryFailed(reader.owner(), canonical(id)), ApiDocuments.Bulk.class)).build();
    }

    /**
     * Live events of the story (SSE): {@code story}, {@code scene}, {@code image}, {@code approval},
     * {@code all-approved}, each with the Redis stream entry id as SSE id. With
     * {@code Last-Event-ID} (or {@code ?lastEventId=}) the stream starts right after that event
     * ({@code reload} first when those events are no longer kept); without, with what happens
     * from now on ({@code 0-0} replays everything kept).
     */
    @GET
    @Path("/stories/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Live events of the story (SSE) with replay from Last-Event-ID")
    @APIResponse(responseCode = "200", description = "Events `story`, `scene` (a scene written), `image`, `approval`, `all-approved`, `film`, "
            + "`reload`; `id` is the stream entry id, `data` the event's JSON; `:heartbeat` comments",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    public void events(@PathParam("id") @Inputs.StoryId String id,
            @HeaderParam(LAST_EVENT_ID) @Inputs.EventId String header,
            @QueryParam("lastEventId") @Inputs.EventId String query,
            @Context SseEventSink sink, @Context HttpServerRequest request) {
        String storyId = canonical(id);
        Optional<StreamId> lastEventId = Optional.ofNullable(header).filter(h -> !h.isBlank())
                .or(() -> Optional.ofNullable(query).filter(q -> !q.isBlank()))
                .flatMap(value -> StreamId.parse(value.trim()));
        stories.requireOwned(reader.owner(), storyId);
        Log.infof("event stream opened storyId=%s lastEventId=%s", storyId, lastEventId.map(StreamId::toString).orElse("-"));
        EventStreamResponse.stream(storyId, lastEventId, feed, request, sink);
    }

    private <T> T read(JsonNode answer, Class<T> type) {
        return ApiDocuments.read(json, answer, type);
    }

    /** A validated UUID in its canonical (lower-case) form; null stays null. */
    static String canonical(String uuid) {
        return uuid == null ? null : UUID.fromString(uuid).toString();
    }
}
