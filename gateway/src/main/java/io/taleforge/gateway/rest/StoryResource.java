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
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.model.StoryView;
import io.taleforge.gateway.service.CurrentReader;
import io.taleforge.gateway.service.EventFeed;
import io.taleforge.gateway.service.StoryService;
import io.taleforge.gateway.service.StreamId;

/** The public API of stories: validated request records and parameters, then the service. */
@Path("/api")
@Tag(name = "stories")
@Produces(MediaType.APPLICATION_JSON)
public class StoryResource {

    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private final StoryService stories;
    private final EventFeed feed;
    private final CurrentReader reader;
    private final Sse sse;

    public StoryResource(StoryService stories, EventFeed feed, CurrentReader reader, Sse sse) {
        this.stories = stories;
        this.feed = feed;
        this.reader = reader;
        this.sse = sse;
    }

    @GET
    @Path("/quiz")
    @Operation(summary = "The quiz: questions, their options and when each is shown")
    public JsonNode quiz() {
        return stories.quiz();
    }

    @POST
    @Path("/stories")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the quiz: writes a 20-scene story owned by the caller")
    public Response create(@NotNull(message = "must be a JSON object") @Valid NewStoryRequest body) {
        JsonNode story = stories.create(reader.owner(), body);
        String id = story.path("id").asText("");
        return Response.created(URI.create("/api/stories/" + id)).entity(story).build();
    }

    @GET
    @Path("/stories")
    @Operation(summary = "The caller's stories, newest first, a page at a time (follow `next` as `after`)")
    public JsonNode list(@QueryParam("limit") @Inputs.Limit String limit,
            @QueryParam("after") @Inputs.StoryId String after) {
        return stories.list(reader.owner(), limit == null ? null : Integer.valueOf(limit), canonical(after));
    }

    @GET
    @Path("/stories/{id}")
    @Operation(summary = "The whole current state: story, scenes, latest image and approval per scene, counts, "
            + "and the event stream position it was taken at")
    public StoryView get(@PathParam("id") @Inputs.StoryId String id) {
        return stories.view(reader.owner(), canonical(id));
    }

    @PUT
    @Path("/stories/{id}/scenes/{n}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a scene's text (until the scenes are approved)")
    public JsonNode editScene(@PathParam("id") @Inputs.StoryId String id, @PathParam("n") @Inputs.SceneNumber String n,
            @NotNull(message = "must be a JSON object") @Valid SceneEditRequest body) {
        return stories.editScene(reader.owner(), canonical(id), Integer.parseInt(n), body);
    }

    @POST
    @Path("/stories/{id}/approve-scenes")
    @Operation(summary = "Approve the scene texts: prompts are written and the 20 images requested")
    public Response approveScenes(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(stories.approveScenes(reader.owner(), canonical(id))).build();
    }

    @POST
    @Path("/stories/{id}/scenes/{n}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a scene's image: {\"action\":\"approve\"|\"reject\",\"feedback\":\"...\"}")
    public JsonNode decide(@PathParam("id") @Inputs.StoryId String id, @PathParam("n") @Inputs.SceneNumber String n,
            @NotNull(message = "must be a JSON object") @Valid DecisionRequest body) {
        return stories.decide(reader.owner(), canonical(id), Integer.parseInt(n), body);
    }

    @POST
    @Path("/stories/{id}/scenes/{n}/retry")
    @Operation(summary = "Ask again for a scene's FAILED image")
    public Response retry(@PathParam("id") @Inputs.StoryId String id, @PathParam("n") @Inputs.SceneNumber String n) {
        return Response.accepted(stories.retry(reader.owner(), canonical(id), Integer.parseInt(n))).build();
    }

    @POST
    @Path("/stories/{id}/approve-all")
    @Operation(summary = "Approve every image that waits for a decision (PENDING); the others are left as they are")
    public JsonNode approveAll(@PathParam("id") @Inputs.StoryId String id) {
        return stories.approveAll(reader.owner(), canonical(id));
    }

    @POST
    @Path("/stories/{id}/retry-failed")
    @Operation(summary = "Ask again for every FAILED image of the story")
    public Response retryFailed(@PathParam("id") @Inputs.StoryId String id) {
        return Response.accepted(stories.retryFailed(reader.owner(), canonical(id))).build();
    }

    /**
     * Live events of the story (SSE): {@code story}, {@code image}, {@code approval},
     * {@code all-approved}, each with the Redis stream entry id as SSE id. With
     * {@code Last-Event-ID} (or {@code ?lastEventId=}) the stream starts right after that event
     * ({@code reload} first when those events are no longer kept); without, with what happens
     * from now on ({@code 0-0} replays everything kept).
     */
    @GET
    @Path("/stories/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Blocking
    @Operation(summary = "Live events of the story (SSE) with replay from Last-Event-ID")
    public Multi<OutboundSseEvent> events(@PathParam("id") @Inputs.StoryId String id,
            @HeaderParam(LAST_EVENT_ID) @Inputs.EventId String header,
            @QueryParam("lastEventId") @Inputs.EventId String query) {
        String storyId = canonical(id);
        Optional<StreamId> lastEventId = Optional.ofNullable(header).filter(h -> !h.isBlank())
                .or(() -> Optional.ofNullable(query).filter(q -> !q.isBlank()))
                .flatMap(value -> StreamId.parse(value.trim()));
        stories.requireOwned(reader.owner(), storyId);
        Log.infof("event stream opened storyId=%s lastEventId=%s", storyId, lastEventId.map(StreamId::toString).orElse("-"));
        return feed.follow(storyId, lastEventId).map(entry -> entry.isHeartbeat()
                ? sse.newEventBuilder().comment("heartbeat").build()
                : sse.newEventBuilder().id(entry.id()).name(entry.event()).data(entry.data()).build());
    }

    /** A validated UUID in its canonical (lower-case) form; null stays null. */
    static String canonical(String uuid) {
        return uuid == null ? null : UUID.fromString(uuid).toString();
    }
}
