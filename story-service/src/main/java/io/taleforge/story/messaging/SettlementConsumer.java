package io.taleforge.story.messaging;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.taleforge.commons.inbox.ProcessedMessages;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.commons.messaging.RecordChecks;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.model.Reservation;
import io.taleforge.story.service.Ledger;

/**
 * Consumes {@code image-status} (group {@code story-service-ledger}) and settles the ledger: a
 * READY picture attempt's reservation is replaced by the attempt's actual cost ({@code costUsd}),
 * a FAILED or SKIPPED one is released (less what its calls did cost). Other steps, and events
 * older than the cost field (no {@code costUsd} on READY: the estimate stands), are acknowledged
 * untouched. Deduplicated with the processed-message table in the settling transaction.
 */
@ApplicationScoped
public class SettlementConsumer {

    public static final String CHANNEL = "image-status-in";
    public static final String CONSUMER = "story-service/image-status";

    private final Ledger ledger;
    private final ProcessedMessages processed;

    public SettlementConsumer(Ledger ledger, ProcessedMessages processed) {
        this.ledger = ledger;
        this.processed = processed;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<ImageStatus> message) {
        ImageStatus event = message.getPayload();
        if (event != null && (!event.status().isFinal() || event.status() == ImageStatus.Status.READY
                && event.costUsd() == null)) {
            return message.ack();
        }
        Optional<String> invalid = RecordChecks.missingValue(message, Topics.IMAGE_STATUS)
                .or(() -> RecordChecks.pictureAttempt(event.storyId(), event.sceneNumber(), event.attempt()));
        if (invalid.isPresent()) {
            return message.nack(new IllegalArgumentException("invalid image-status: " + invalid.get()));
        }
        try {
            String id = CloudEvents.idOf(message);
            QuarkusTransaction.requiringNew().run(() -> {
                if (processed.firstTime(CONSUMER, id)) {
                    ledger.settle(UUID.fromString(event.storyId()), Reservation.Purpose.PICTURE, event.sceneNumber(),
                            event.attempt(), event.costUsd(), event.status() != ImageStatus.Status.READY);
                }
            });
            return message.ack();
        } catch (RuntimeException e) {
            Log.errorf("settlement failed story=%s scene=%d attempt=%d: %s", event.storyId(), event.sceneNumber(),
                    event.attempt(), e.getMessage());
            return message.nack(e);
        }
    }
}
