package io.taleforge.approval.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.taleforge.approval.service.ApprovalService;
import io.taleforge.commons.logging.LogContext;
import io.taleforge.contracts.ImageStatus;

/**
 * Hands one admitted {@code image-status} record to {@link ApprovalService} in a fresh
 * transaction per try.
 */
@ApplicationScoped
public class ImageStatusHandler {

    private final ApprovalService approvals;

    public ImageStatusHandler(ApprovalService approvals) {
        this.approvals = approvals;
    }

    /**
     * Absorbs transient failures (a lock timeout, a concurrent insert of the same story, the
     * database briefly away) by trying again in a new transaction. What still fails is nacked by
     * the caller and dead-lettered.
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    public boolean handle(String messageId, ImageStatus status) {
        try (LogContext ids = LogContext.of(status.storyId(), status.sceneNumber(), status.attempt())) {
            return approvals.applyImageStatus(messageId, UUID.fromString(status.storyId()), status);
        }
    }
}
