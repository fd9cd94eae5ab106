package io.taleforge.story.messaging;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.logging.LogContext;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.commons.messaging.RecordChecks;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.Topics;
import io.taleforge.story.service.RegenerationService;

/**
 * Consumes {@code image-rejected} (group {@code story-service}) as typed {@link ImageRejected}
 * records ({@link ImageRejectedDeserializer}; one that cannot be read is dead-lettered by the
 * connector with the parser's reason). A record is checked before it is admitted: one without a
 * value, or whose story id, scene or attempt cannot name a scene's attempt, is dead-lettered at
 * once with the reason. An admitted one is acknowledged only after its handling
 * committed; a failure (after the service's retries) is negatively acknowledged, and the channel's
 * failure strategy sends it to {@code image-rejected.dlq} with the reason in headers. Never
 * acknowledged silently.
 */
@ApplicationScoped
public class ImageRejectedConsumer {

    public static final String CHANNEL = "image-rejected-in";

    private final RegenerationService regeneration;

    public ImageRejectedConsumer(RegenerationService regeneration) {
        this.regeneration = regeneration;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<ImageRejected> message) {
        ImageRejected event = message.getPayload();
        Optional<String> invalid = invalid(message);
        if (invalid.isPresent()) {
            Log.warnf("image-rejected invalid, dead-lettering: %s", invalid.get());
            return message.nack(new IllegalArgumentException("invalid image-rejected: " + invalid.get()));
        }
        try (LogContext ids = LogContext.of(event.storyId(), event.sceneNumber(), event.attempt())) {
            String id = CloudEvents.idOf(message);
            RegenerationService.Outcome outcome = regeneration.handle(id, event);
            Log.debugf("image-rejected handled id=%s outcome=%s", id, outcome);
            return message.ack();
        } catch (RuntimeException e) {
            Log.errorf("image-rejected failed, dead-lettering story=%s scene=%s attempt=%s: %s", event.storyId(),
                    event.sceneNumber(), event.attempt(), e.getMessage());
            return message.nack(e);
        }
    }

    /** What makes a record unfit to handle; empty when it may be admitted. */
    static Optional<String> invalid(Message<ImageRejected> message) {
        ImageRejected event = message.getPayload();
        return RecordChecks.missingValue(message, Topics.IMAGE_REJECTED).or(() -> RecordChecks.pictureAttempt(
                event.storyId(), event.sceneNumber(), event.attempt()));
    }
}
