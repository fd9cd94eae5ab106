package io.taleforge.approval.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.taleforge.approval.history.Decision;
import io.taleforge.approval.history.DecisionHistory;

/** {@code GET /approvals/{storyId}/history}: every decision the reader made on the story's images. */
@Path("/approvals/{storyId}/history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    private final DecisionHistory history;

    public HistoryResource(DecisionHistory history) {
        this.history = history;
    }

    /** The decisions by scene, attempt and time; 404 for a story never seen. */
    @GET
    public HistoryView get(@PathParam("storyId") String storyId) {
        UUID id = ApprovalResource.storyId(storyId);
        return new HistoryView(id.toString(), history.ofStory(id).stream().map(HistoryResource::view).toList());
    }

    private static DecisionView view(Decision d) {
        return new DecisionView(d.sceneNumber, d.attempt, d.decision.name(), d.note, d.decidedAt);
    }

    /** The story's decision history. */
    public record HistoryView(String storyId, List<DecisionView> decisions) {
    }

    /**
     * One decision.
     *
     * @param decision APPROVED, REJECTED or RETRY_REQUESTED (a failed image asked again)
     * @param note the reader's note on a rejection, or null
     */
    public record DecisionView(int sceneNumber, int attempt, String decision, String note, Instant decidedAt) {
    }
}
