package io.taleforge.gateway.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.taleforge.gateway.client.ApprovalClient;
import io.taleforge.gateway.client.ApprovalDocument;
import io.taleforge.gateway.client.ApprovalHistory;
import io.taleforge.gateway.client.ImageClient;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.client.StoryClient;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.mapping.StoryViewMapper;
import io.taleforge.gateway.model.StoryView;
import io.taleforge.gateway.rest.DecisionRequest;
import io.taleforge.gateway.rest.NewStoryRequest;
import io.taleforge.gateway.rest.SceneEditRequest;

/**
 * What the public API does: every call about a story first checks (with story-service) that it
 * is the reader's, then forwards. Errors of the services pass through unchanged.
 */
@ApplicationScoped
public class StoryService {

    static final String STORY = "story-service";
    static final String IMAGE = "image-service";
    static final String APPROVAL = "approval-service";
    private static final Duration STREAM_POSITION_WAIT = Duration.ofSeconds(2);

    private final StoryClient stories;
    private final ImageClient images;
    private final ApprovalClient approvals;
    private final OwnershipService ownership;
    private final StoryViewMapper mapper;
    private final EventBuffer buffer;
    private final FilmService films;

    public StoryService(StoryClient stories, ImageClient images, ApprovalClient approvals,
            OwnershipService ownership, StoryViewMapper mapper, EventBuffer buffer, FilmService films) {
        this.buffer = buffer;
        this.stories = stories;
        this.images = images;
        this.approvals = approvals;
        this.ownership = ownership;
        this.mapper = mapper;
        this.films = films;
    }

    public JsonNode quiz() {
        return ServiceCalls.call(STORY, stories::quiz);
    }

    public JsonNode create(String owner, NewStoryRequest request) {
        JsonNode story = ServiceCalls.call(STORY, () -> stories.create(owner, request));
        String id = story.path("id").asText(null);
        if (id != null) {
            ownership.remember(id, owner);
            Log.infof("story created storyId=%s", id);
        }
        return story;
    }

    /**
     * A page of the reader's stories. Each story past its scene texts also says whether all its
     * pictures are approved ({@code allApproved}, approval-service's word; story-service has no
     * "complete" status) and what it has spent ({@code spentUsd}, with {@code storyLeftUsd} under a
     * cap); each left out when its service does not answer.
     */
    public JsonNode list(String owner, Integer limit, String after) {
        JsonNode page = ServiceCalls.call(STORY, () -> stories.list(owner, limit, after));
        for (JsonNode item : page.path("items")) {
            String status = item.path("status").asText();
            if (item instanceof ObjectNode story && !"DRAFTED".equals(status) && !"WRITING".equals(status)) {
                String id = story.path("id").asText();
                completion(id).ifPresent(done -> story.put("allApproved", done));
                spend(owner, id).ifPresent(budget -> {
                    story.set("spentUsd", budget.path("spentUsd"));
                    if (budget.hasNonNull("storyLeftUsd")) {
                        story.set("storyLeftUsd", budget.path("storyLeftUsd"));
                    }
                });
            }
        }
        return page;
    }

    private Optional<JsonNode> spend(String owner, String storyId) {
        try {
            return Optional.of(stories.budget(owner, storyId)).filter(b -> b.hasNonNull("spentUsd"));
        } catch (RuntimeException e) {
            Log.warnf("story listed without its spend storyId=%s: %s", storyId, e.toString());
            return Optional.empty();
        }
    }

    private Optional<Boolean> completion(String storyId) {
        try {
            return Optional.of(approvals.approvals(storyId).map(ApprovalDocument::allApproved).orElse(false));
        } catch (RuntimeException e) {
            Log.warnf("story listed without its completion storyId=%s: %s", storyId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The whole current state: story and scenes, latest image and approval per scene, counts, the film,
     * and the position of the story's event stream read <em>before</em> the services were asked, so a
     * client that follows the stream from there misses nothing that happened after this snapshot.
     */
    public StoryView view(String owner, String storyId) {
        StoryDocument story = ownership.load(storyId, owner);
        String position = streamPosition(storyId);
        List<ImageJob> jobs = ServiceCalls.call(IMAGE, () -> images.images(storyId));
        ApprovalDocument decisions = ServiceCalls.call(APPROVAL, () -> approvals.approvals(storyId)).orElse(null);
        ApprovalHistory history = decisions == null ? ApprovalHistory.none(storyId)
                : ServiceCalls.call(APPROVAL, () -> approvals.history(storyId));
        return films.attach(mapper.toView(story, jobs, decisions, history, position), storyId);
    }

    /** The newest entry id of the story's stream; null when Redis does not answer (the client then listens from now). */
    private String streamPosition(String storyId) {
        try {
            return buffer.lastId(storyId).await().atMost(STREAM_POSITION_WAIT).toString();
        } catch (RuntimeException e) {
            Log.warnf("stream position unknown (Redis) storyId=%s: %s", storyId, e.getMessage());
            return null;
        }
    }

    public JsonNode editScene(String owner, String storyId, int n, SceneEditRequest body) {
        ownership.requireOwned(storyId, owner);
        JsonNode scene = ServiceCalls.call(STORY, () -> stories.editScene(owner, storyId, n, body));
        Log.infof("scene edited storyId=%s scene=%d", storyId, n);
        return scene;
    }

    /** The story's money: the estimate of approving its scenes and of one picture, what it holds and has spent. */
    public JsonNode budget(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        return ServiceCalls.call(STORY, () -> stories.budget(owner, storyId));
    }

    public JsonNode approveScenes(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        JsonNode story = ServiceCalls.call(STORY, () -> stories.approveScenes(owner, storyId));
        Log.infof("scenes approved storyId=%s", storyId);
        return story;
    }

    public JsonNode stopWriting(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        JsonNode story = ServiceCalls.call(STORY, () -> stories.stopWriting(owner, storyId));
        Log.infof("story writing stop asked storyId=%s", storyId);
        return story;
    }

    public JsonNode decide(String owner, String storyId, int n, DecisionRequest body) {
        ownership.requireOwned(storyId, owner);
        JsonNode scene = ServiceCalls.call(APPROVAL, () -> approvals.decide(storyId, n, body));
        Log.infof("image decision storyId=%s scene=%d action=%s", storyId, n, body.action());
        return scene;
    }

    /** Approves every PENDING image of the story; approval-service answers which scenes it approved. */
    public JsonNode approveAll(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        JsonNode result = ServiceCalls.call(APPROVAL, () -> approvals.approveAll(storyId));
        Log.infof("all pending images approved storyId=%s scenes=%s", storyId, result.path("scenes"));
        return result;
    }

    /** Asks again for every FAILED image of the story; approval-service answers which scenes. */
    public JsonNode retryFailed(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        JsonNode result = ServiceCalls.call(APPROVAL, () -> approvals.retryFailed(storyId));
        Log.infof("all failed images retried storyId=%s scenes=%s", storyId, result.path("scenes"));
        return result;
    }

    public JsonNode retry(String owner, String storyId, int n) {
        ownership.requireOwned(storyId, owner);
        JsonNode scene = ServiceCalls.call(APPROVAL, () -> approvals.retry(storyId, n));
        Log.infof("image retry requested storyId=%s scene=%d", storyId, n);
        return scene;
    }

    public void requireOwned(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
    }

    public MediaFile media(String key) {
        return ServiceCalls.call(IMAGE, () -> images.media(key));
    }
}
