package io.taleforge.film.client;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.taleforge.commons.client.ServiceFailedException;
import io.taleforge.commons.client.ServiceReads;
import io.taleforge.commons.client.ServiceRejectedException;

/** image-service's stored pictures behind fault tolerance (a read: timeout, retry, a named breaker). */
@ApplicationScoped
public class ImageClient {

    /** A picture's bytes and content type. */
    public record Media(byte[] bytes, String contentType) {
    }

    private final ImageRestClient rest;

    public ImageClient(@RestClient ImageRestClient rest) {
        this.rest = rest;
    }

    /** The bytes under {@code key}; empty when image-service has none (its 404, inside the breaker). */
    @Timeout(30_000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("image-service-media")
    public Optional<Media> media(String key) {
        return ServiceReads.emptyOn404(() -> {
            try (Response response = rest.media(key)) {
                return new Media(response.readEntity(byte[].class), response.getHeaderString(HttpHeaders.CONTENT_TYPE));
            }
        });
    }
}
