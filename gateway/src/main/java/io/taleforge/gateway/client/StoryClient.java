package io.taleforge.gateway.client;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.taleforge.commons.client.ServiceFailedException;
import io.taleforge.commons.client.ServiceReads;
import io.taleforge.commons.client.ServiceRejectedException;
import io.taleforge.gateway.rest.NewStoryRequest;
import io.taleforge.gateway.rest.SceneEditRequest;

/**
 * story-service behind fault tolerance. Every call carries the reader's owner hash; story-service
 * answers 404 for a story that is not that owner's.
 *
 * <p>Policies: {@code @Timeout} absorbs a hung service (the caller gets 503 instead of waiting);
 * {@code @Retry} (reads only, never writes) absorbs a lost connection or a passing 5xx;
 * {@code @CircuitBreaker} stops calling a service that keeps failing and answers 503 at once. A
 * 4xx is the caller's fault: it is neither retried nor counted by the breaker, and a 404 on a
 * read becomes an empty result inside the breaker.
 */
@ApplicationScoped
public class StoryClient {

    private final StoryRestClient rest;

    public StoryClient(@RestClient StoryRestClient rest) {
        this.rest = rest;
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-quiz")
    public JsonNode quiz() {
        return rest.quiz();
    }

    /**
     * story-service accepts the story at once (202) and writes its scenes in the background: a
     * short timeout, and never retried (a retry would create a second story).
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-create")
    public JsonNode create(String owner, NewStoryRequest body) {
        return rest.create(owner, body);
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-list")
    public JsonNode list(String owner, Integer limit, String after) {
        return rest.list(owner, limit, after);
    }

    /** The story if it exists and is the owner's; empty otherwise (404 mapped inside the breaker). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-get")
    public Optional<StoryDocument> get(String owner, String id) {
        return ServiceReads.emptyOn404(() -> rest.get(owner, id));
    }

    /** What approving the scenes would reserve, what the story holds and has spent. */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-budget")
    public JsonNode budget(String owner, String id) {
        return rest.budget(owner, id);
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-edit-scene")
    public JsonNode editScene(String owner, String id, int n, SceneEditRequest body) {
        return rest.editScene(owner, id, n, body);
    }

    /** Stops the writing of a story: the scenes written stay. Idempotent, so retried. */
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-stop-writing")
    public JsonNode stopWriting(String owner, String id) {
        return rest.stopWriting(owner, id);
    }

    /**
     * With the OpenAI writer, approving asks the model to describe the 20 pictures (one call, at
     * most story-service's connect + read timeout, 130 s): a long timeout, never retried.
     */
    @Timeout(150_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-approve-scenes")
    public JsonNode approveScenes(String owner, String id) {
        return rest.approveScenes(owner, id);
    }
}
