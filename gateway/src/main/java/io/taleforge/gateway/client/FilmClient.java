package io.taleforge.gateway.client;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.taleforge.commons.client.ServiceFailedException;
import io.taleforge.commons.client.ServiceReads;
import io.taleforge.commons.client.ServiceRejectedException;

/**
 * film-service behind fault tolerance, with the policies of {@link StoryClient}: the read is
 * retried on 5xx / lost connection / timeout, the writes are not (asking for the film is
 * idempotent on film-service's side, but the gateway retries reads only); a 4xx never trips a
 * breaker.
 */
@ApplicationScoped
public class FilmClient {

    private final FilmRestClient rest;

    public FilmClient(@RestClient FilmRestClient rest) {
        this.rest = rest;
    }

    /** The story's film; empty when none was asked for (film-service's 404, mapped inside the breaker). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("film-service-film")
    public Optional<FilmDocument> film(String storyId) {
        return ServiceReads.emptyOn404(() -> rest.film(storyId));
    }

    /** What making the film is expected to cost (the rate table's clips and narrations, from film-service). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("film-service-estimate")
    public FilmEstimate estimate(String storyId) {
        return rest.estimate(storyId);
    }

    /** Asks for the film (film-service checks with approval-service that all 20 are approved: 409 otherwise). */
    @Timeout(15_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("film-service-request")
    public FilmDocument request(String storyId) {
        return rest.request(storyId);
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("film-service-retry-clip")
    public FilmDocument retryClip(String storyId, int n) {
        return rest.retryClip(storyId, n);
    }

    /** Speaks a FAILED narration again (409 from film-service when it has not failed). */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("film-service-retry-narration")
    public FilmDocument retryNarration(String storyId, int n) {
        return rest.retryNarration(storyId, n);
    }

    /** Assembles a FAILED movie again from the clips and narrations it has (409 when the movie has not failed). */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("film-service-assemble")
    public FilmDocument assemble(String storyId) {
        return rest.assemble(storyId);
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("film-service-retry-failed")
    public FilmDocument retryFailed(String storyId) {
        return rest.retryFailed(storyId);
    }
}
