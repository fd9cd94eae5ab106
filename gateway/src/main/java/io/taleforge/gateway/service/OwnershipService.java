package io.taleforge.gateway.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.gateway.client.StoryClient;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.config.GatewayConfig;
import io.taleforge.commons.rest.ProblemException;

/**
 * Asks story-service whether a story is the reader's before the gateway forwards anything about
 * it. Someone else's story and a story that does not exist are the same 404. Positive answers are
 * kept briefly (ownership never changes, a story is never deleted today); negative ones never.
 */
@ApplicationScoped
public class OwnershipService {

    private final StoryClient stories;
    private final GatewayConfig config;
    private final Map<String, Long> owned = new ConcurrentHashMap<>();

    public OwnershipService(StoryClient stories, GatewayConfig config) {
        this.stories = stories;
        this.config = config;
    }

    /** Passes when the story is the owner's; a 404 problem otherwise. */
    public void requireOwned(String storyId, String owner) {
        Long until = owned.get(key(storyId, owner));
        if (until != null && until > System.currentTimeMillis()) {
            return;
        }
        load(storyId, owner);
    }

    /** The story, when it is the owner's (and remembers that it is); a 404 problem otherwise. */
    public StoryDocument load(String storyId, String owner) {
        StoryDocument story = ServiceCalls.call(StoryService.STORY, () -> stories.get(owner, storyId)).orElseThrow(() -> {
            Log.infof("story not found for this reader storyId=%s", storyId);
            return ProblemException.notFound("story " + storyId); // another reader's story looks the same
        });
        remember(storyId, owner);
        return story;
    }

    /** Called after the reader created the story: the next calls need not ask again. */
    public void remember(String storyId, String owner) {
        long ttl = config.ownership().cacheTtl().toMillis();
        if (ttl <= 0) {
            return;
        }
        if (owned.size() >= config.ownership().cacheSize()) {
            owned.clear();
        }
        owned.put(key(storyId, owner), System.currentTimeMillis() + ttl);
    }

    private static String key(String storyId, String owner) {
        return storyId + '/' + owner;
    }
}
