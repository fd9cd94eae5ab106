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
import io.taleforge.gateway.rest.DecisionRequest;

/**
 * approval-service behind fault tolerance: the read is retried, the decisions are not (a
 * decision is idempotent on approval-service's side, but we retry reads only). Same policies as
 * {@link StoryClient}.
 */
@ApplicationScoped
public class ApprovalClient {

    private final ApprovalRestClient rest;

    public ApprovalClient(@RestClient ApprovalRestClient rest) {
        this.rest = rest;
    }

    /** The approval state; empty when approval-service has never seen the story (its 404). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("approval-service-approvals")
    public Optional<ApprovalDocument> approvals(String storyId) {
        return ServiceReads.emptyOn404(() -> rest.approvals(storyId));
    }

    /** Every decision on the story's images, earlier attempts included; none when approval-service never saw the story (its 404). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = { ServiceFailedException.class, ProcessingException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("approval-service-history")
    public ApprovalHistory history(String storyId) {
        try {
            ApprovalHistory history = rest.history(storyId);
            return history == null ? ApprovalHistory.none(storyId) : history;
        } catch (ServiceRejectedException e) {
            if (e.status() == 404) {
                return ApprovalHistory.none(storyId);
            }
            throw e;
        }
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("approval-service-decide")
    public JsonNode decide(String storyId, int n, DecisionRequest body) {
        return rest.decide(storyId, n, body);
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("approval-service-retry")
    public JsonNode retry(String storyId, int n) {
        return rest.retry(storyId, n);
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("approval-service-approve-all")
    public JsonNode approveAll(String storyId) {
        return rest.approveAll(storyId);
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            skipOn = ServiceRejectedException.class)
    @CircuitBreakerName("approval-service-retry-failed")
    public JsonNode retryFailed(String storyId) {
        return rest.retryFailed(storyId);
    }
}
