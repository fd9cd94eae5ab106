package io.taleforge.approval.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.approval.config.ApprovalConfig;
import io.taleforge.approval.service.ApprovalService;
import io.taleforge.commons.logging.LogContext;
import io.taleforge.contracts.ImageStatus;

/**
 * Reads one {@code image-status} record and hands it to {@link ApprovalService} in a fresh
 * transaction per try.
 */
@ApplicationScoped
public class ImageStatusHandler {

    private final ApprovalService approvals;
    private final ObjectMapper json;
    private final ApprovalConfig config;

    public ImageStatusHandler(ApprovalService approvals, ObjectMapper json, ApprovalConfig config) {
        this.approvals = approvals;
        this.json = json;
        this.config = config;
    }

    /**
     * Absorbs transient failures (a lock timeout, a concurrent insert of the same story, the
     * database briefly away) by trying again in a new transaction; an invalid message is not
     * retried. What still fails is nacked by the caller and dead-lettered.
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, abortOn = InvalidMessageException.class)
    public boolean handle(String messageId, String value) {
        ImageStatus status = parse(value);
        try (LogContext ids = LogContext.of(status.storyId(), status.sceneNumber(), status.attempt())) {
            return approvals.applyImageStatus(messageId, validStoryId(status), status);
        }
    }

    private ImageStatus parse(String value) {
        if (value == null) {
            throw new InvalidMessageException("image-status without data");
        }
        try {
            return json.readValue(value, ImageStatus.class);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("image-status data is not an ImageStatus: " + e.getOriginalMessage(), e);
        }
    }

    private UUID validStoryId(ImageStatus status) {
        UUID storyId;
        try {
            storyId = UUID.fromString(String.valueOf(status.storyId()));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("storyId is not a UUID: " + status.storyId());
        }
        if (status.sceneNumber() < 1 || status.sceneNumber() > config.scenesPerStory()) {
            throw new InvalidMessageException("sceneNumber out of 1.." + config.scenesPerStory() + ": "
                    + status.sceneNumber());
        }
        if (status.attempt() < 1) {
            throw new InvalidMessageException("attempt below 1: " + status.attempt());
        }
        if (status.status() == null) {
            throw new InvalidMessageException("status missing");
        }
        return storyId;
    }
}
