package io.taleforge.gateway.rest;

import java.net.URI;
import java.util.Optional;

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

/** The public API of stories; validates, checks the reader, delegates, maps. */
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
    public Response create(JsonNode answers) {
        JsonNode story = stories.create(reader.owner(), Params.object(answers));
        String id = story.path("id").asText("");
        return Response.created(URI.create("/api/stories/" + id)).entity(story).build();
    }

    @GET
    @Path("/stories")
    @Operation(summary = "The caller's stories, newest first, a page at a time")
    public JsonNode list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return stories.list(reader.owner(), Params.limit(limit), Params.after(after));
    }

    @GET
    @Path("/stories/{id}")
    @Operation(summary = "The whole current state: story, scenes, latest image and approval per scene, counts")
    public StoryView get(@PathParam("id") String id) {
        return stories.view(reader.owner(), Params.storyId(id));
    }

    @PUT
    @Path("/stories/{id}/scenes/{n}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a scene's text (until the scenes are approved)")
    public JsonNode editScene(@PathParam("id") String id, @PathParam("n") String n, JsonNode body) {
        String storyId = Params.storyId(id);
        int scene = Params.scene(n);
        return stories.editScene(reader.owner(), storyId, scene, Params.object(body));
    }

    @POST
    @Path("/stories/{id}/approve-scenes")
    @Operation(summary = "Approve the scene texts: prompts are written and the 20 images requested")
    public Response approveScenes(@PathParam("id") String id) {
        JsonNode story = stories.approveScenes(reader.owner(), Params.storyId(id));
        return Response.accepted(story).build();
    }

    @POST
    @Path("/stories/{id}/scenes/{n}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a scene's image: {\"action\":\"approve\"|\"reject\",\"feedback\":\"...\"}")
    public JsonNode decide(@PathParam("id") String id, @PathParam("n") String n, JsonNode body) {
        String storyId = Params.storyId(id);
        int scene = Params.scene(n);
        JsonNode decision = Params.object(body);
        String action = decision.path("action").asText("");
        if (!action.equals("approve") && !action.equals("reject")) {
            throw ProblemException.badRequest("action", "must be 'approve' or 'reject'");
        }
        if (decision.has("feedback") && !decision.get("feedback").isNull() && !decision.get("feedback").isTextual()) {
            throw ProblemException.badRequest("feedback", "must be text");
        }
        return stories.decide(reader.owner(), storyId, scene, decision);
    }

    @POST
    @Path("/stories/{id}/scenes/{n}/retry")
    @Operation(summary = "Ask again for a scene's FAILED image")
    public Response retry(@PathParam("id") String id, @PathParam("n") String n) {
        String storyId = Params.storyId(id);
        int scene = Params.scene(n);
        return Response.accepted(stories.retry(reader.owner(), storyId, scene)).build();
    }

    /**
     * Live events of the story (SSE): {@code story}, {@code image}, {@code approval},
     * {@code all-approved}, each with the Redis stream entry id as SSE id. With
     * {@code Last-Event-ID} (or {@code ?lastEventId=}) the stream starts right after that event;
     * without, with what happens from now on ({@code 0-0} replays everything kept).
     */
    @GET
    @Path("/stories/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Blocking
    @Operation(summary = "Live events of the story (SSE) with replay from Last-Event-ID")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @HeaderParam(LAST_EVENT_ID) String header,
            @QueryParam("lastEventId") String query) {
        String storyId = Params.storyId(id);
        Optional<String> lastEventId = Optional.empty();
        if (header != null && !header.isBlank()) {
            lastEventId = Optional.of(Params.lastEventId(header.trim(), LAST_EVENT_ID));
        } else if (query != null && !query.isBlank()) {
            lastEventId = Optional.of(Params.lastEventId(query.trim(), "lastEventId"));
        }
        stories.requireOwned(reader.owner(), storyId);
        Log.infof("event stream opened storyId=%s lastEventId=%s", storyId, lastEventId.orElse("-"));
        return feed.follow(storyId, lastEventId).map(entry -> entry.isHeartbeat()
                ? sse.newEventBuilder().comment("heartbeat").build()
                : sse.newEventBuilder().id(entry.id()).name(entry.event()).data(entry.data()).build());
    }
}
