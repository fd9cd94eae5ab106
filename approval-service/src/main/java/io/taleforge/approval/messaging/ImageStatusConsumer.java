package io.taleforge.approval.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.contracts.Topics;

/**
 * Consumes {@code image-status} (group {@code approval-service}), in order. A record is acked
 * only after its effects committed; one that still fails after the handler's retries is nacked,
 * and the channel's failure strategy sends it to {@code image-status.dlq} with the reason in headers.
 */
@ApplicationScoped
public class ImageStatusConsumer {

    private final ImageStatusHandler handler;

    public ImageStatusConsumer(ImageStatusHandler handler) {
        this.handler = handler;
    }

    @Incoming(Topics.IMAGE_STATUS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        String messageId;
        try {
            messageId = CloudEvents.idOf(message);
            handler.handle(messageId, message.getPayload());
        } catch (RuntimeException e) {
            Log.warnf("image-status dead-lettered to %s: %s", Topics.dlq(Topics.IMAGE_STATUS), e.getMessage());
            return message.nack(e);
        }
        return message.ack();
    }
}
