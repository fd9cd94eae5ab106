package io.taleforge.approval.messaging;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.commons.messaging.RecordChecks;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;

/**
 * Consumes {@code image-status} (group {@code approval-service}), in order, as typed
 * {@link ImageStatus} records ({@link ImageStatusDeserializer}; one that cannot be read is
 * dead-lettered by the connector with the parser's reason). A record is checked before it is
 * admitted: one without a value, whose story id, scene or attempt cannot name a scene's attempt,
 * or without a status, is dead-lettered at once to {@code image-status.dlq} with the reason
 * (logged, and in the {@code dead-letter-reason} header). An admitted one is acked only
 * after its effects committed; one that still fails after the handler's retries is nacked, and the
 * channel's failure strategy dead-letters it the same way. Never acknowledged silently.
 */
@ApplicationScoped
public class ImageStatusConsumer {

    private final ImageStatusHandler handler;

    public ImageStatusConsumer(ImageStatusHandler handler) {
        this.handler = handler;
    }

    @Incoming(Topics.IMAGE_STATUS)
    @Blocking
    public CompletionStage<Void> consume(Message<ImageStatus> message) {
        Optional<String> invalid = invalid(message);
        if (invalid.isPresent()) {
            Log.warnf("image-status invalid, dead-lettered to %s: %s", Topics.dlq(Topics.IMAGE_STATUS), invalid.get());
            return message.nack(new IllegalArgumentException("invalid image-status: " + invalid.get()));
        }
        ImageStatus status = message.getPayload();
        try {
            handler.handle(CloudEvents.idOf(message), status);
        } catch (RuntimeException e) {
            Log.warnf("image-status failed, dead-lettered to %s storyId=%s scene=%d attempt=%d: %s",
                    Topics.dlq(Topics.IMAGE_STATUS), status.storyId(), status.sceneNumber(), status.attempt(),
                    e.getMessage());
            return message.nack(e);
        }
        return message.ack();
    }

    /** What makes a record unfit to handle; empty when it may be admitted. */
    private Optional<String> invalid(Message<ImageStatus> message) {
        ImageStatus status = message.getPayload();
        return RecordChecks.missingValue(message, Topics.IMAGE_STATUS)
                .or(() -> RecordChecks.pictureAttempt(status.storyId(), status.sceneNumber(), status.attempt()))
                .or(() -> status.status() == null ? Optional.of("status is missing") : Optional.empty());
    }
}
