package io.taleforge.film.client;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

/** story-service behind fault tolerance: the story's title and its scenes' texts (what the narration reads). */
@ApplicationScoped
public class StoryClient {

    private final StoryRestClient rest;

    public StoryClient(@RestClient StoryRestClient rest) {
        this.rest = rest;
    }

    /**
     * The story; empty when story-service does not know it (its 404, mapped inside the breaker so
     * it does not trip it). {@code @Timeout} absorbs a hung service, {@code @Retry} a lost
     * connection or a passing 5xx, the breaker a service that keeps failing.
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-story")
    public Optional<StoryDocument> story(UUID storyId) {
        return ServiceReads.emptyOn404(() -> rest.story(storyId.toString()));
    }

    /**
     * Reserves the film's {@code items} against the story's cap and the reader's daily budget;
     * a 402 (over budget) arrives as {@link ServiceRejectedException} with story-service's problem.
     * Retried safely: a repeated reservation reserves nothing twice.
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("story-service-film-reservation")
    public FilmReservation.Reserved reserveFilm(UUID storyId, List<FilmReservation.Item> items) {
        return rest.reserveFilm(storyId.toString(), new FilmReservation.Request(items));
    }
}
