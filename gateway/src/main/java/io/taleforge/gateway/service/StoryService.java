package io.taleforge.gateway.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.taleforge.gateway.client.ApprovalClient;
import io.taleforge.gateway.client.ApprovalDocument;
import io.taleforge.gateway.client.ImageClient;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.client.StoryClient;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.mapping.StoryViewMapper;
import io.taleforge.gateway.model.StoryView;

/**
 * What the public API does: every call about a story first checks (with story-service) that it
 * is the reader's, then forwards. Errors of the services pass through unchanged.
 */
@ApplicationScoped
public class StoryService {

    static final String STORY = "story-service";
    static final String IMAGE = "image-service";
    static final String APPROVAL = "approval-service";

    private final StoryClient stories;
    private final ImageClient images;
    private final ApprovalClient approvals;
    private final OwnershipService ownership;
    private final StoryViewMapper mapper;
    private final FilmService films;

    public StoryService(StoryClient stories, ImageClient images, ApprovalClient approvals,
            OwnershipService ownership, StoryViewMapper mapper, FilmService films) {
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

    public JsonNode create(String owner, JsonNode answers) {
        JsonNode story = ServiceCalls.call(STORY, () -> stories.create(owner, answers));
        String id = story.path("id").asText(null);
        if (id != null) {
            ownership.remember(id, owner);
            Log.infof("story created storyId=%s", id);
        }
        return story;
    }

    public JsonNode list(String owner, Integer limit, String after) {
        return ServiceCalls.call(STORY, () -> stories.list(owner, limit, after));
    }

    /** The whole current state: story and scenes, latest image and approval per scene, counts, the film. */
    public StoryView view(String owner, String storyId) {
        StoryDocument story = ownership.load(storyId, owner);
        List<ImageJob> jobs = ServiceCalls.call(IMAGE, () -> images.images(storyId));
        ApprovalDocument decisions = ServiceCalls.call(APPROVAL, () -> approvals.approvals(storyId)).orElse(null);
        return films.attach(mapper.toView(story, jobs, decisions), storyId);
    }

    public JsonNode editScene(String owner, String storyId, int n, JsonNode body) {
        ownership.requireOwned(storyId, owner);
        JsonNode scene = ServiceCalls.call(STORY, () -> stories.editScene(owner, storyId, n, body));
        Log.infof("scene edited storyId=%s scene=%d", storyId, n);
        return scene;
    }

    public JsonNode approveScenes(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        JsonNode story = ServiceCalls.call(STORY, () -> stories.approveScenes(owner, storyId));
        Log.infof("scenes approved storyId=%s", storyId);
        return story;
    }

    public JsonNode decide(String owner, String storyId, int n, JsonNode body) {
        ownership.requireOwned(storyId, owner);
        JsonNode scene = ServiceCalls.call(APPROVAL, () -> approvals.decide(storyId, n, body));
        Log.infof("image decision storyId=%s scene=%d action=%s", storyId, n, body.path("action").asText());
        return scene;
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
