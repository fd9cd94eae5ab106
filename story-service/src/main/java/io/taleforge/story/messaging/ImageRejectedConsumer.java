package io.taleforge.story.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.story.service.RegenerationService;

/**
 * Consumes {@code image-rejected} (group {@code story-service}). A message is acknowledged only
 * after its handling committed; a failure (after the service's retries) is negatively
 * acknowledged, and the channel's failure strategy sends it to {@code image-rejected.dlq} with
 * the reason in headers. Never acknowledged silently.
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
        String id;
        try {
            id = CloudEvents.idOf(message);
            RegenerationService.Outcome outcome = regeneration.handle(id, event);
            Log.debugf("image-rejected handled id=%s outcome=%s", id, outcome);
            return message.ack();
        } catch (RuntimeException e) {
            Log.errorf("image-rejected failed, dead-lettering story=%s scene=%s attempt=%s: %s",
                    event == null ? null : event.storyId(), event == null ? null : event.sceneNumber(),
                    event == null ? null : event.attempt(), e.getMessage());
            return message.nack(e);
        }
    }
}
