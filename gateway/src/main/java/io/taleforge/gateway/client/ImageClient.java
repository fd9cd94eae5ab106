package io.taleforge.gateway.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

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

/**
 * image-service behind fault tolerance (both calls are reads: timeout, retry on 5xx / lost
 * connection, a named breaker; a 4xx never trips it). Same policies as {@link StoryClient}.
 */
@ApplicationScoped
public class ImageClient {

    private final ImageRestClient rest;

    public ImageClient(@RestClient ImageRestClient rest) {
        this.rest = rest;
    }

    /** Every image job of the story; none yet (404) is an empty list, mapped inside the breaker. */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("image-service-images")
    public List<ImageJob> images(String storyId) {
        return ServiceReads.emptyOn404(() -> rest.images(storyId)).orElse(List.of());
    }

    /** The stored bytes; a 404 passes through to the caller without tripping the breaker. */
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("image-service-media")
    public MediaFile media(String key) {
        try (Response response = rest.media(key)) {
            return new MediaFile(response.readEntity(byte[].class),
                    response.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    response.getHeaderString(HttpHeaders.CACHE_CONTROL),
                    response.getHeaderString(HttpHeaders.ETAG));
        }
    }

    /** The rate limiter's state per provider account (the operations page). */
    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 200, retryOn = { ServiceFailedException.class, ProcessingException.class,
            TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("image-service-limiter")
    public List<JsonNode> limiter() {
        return rest.limiter();
    }
}
