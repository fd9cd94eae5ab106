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
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.model.Reservation;
import io.taleforge.story.service.Ledger;

/**
 * Consumes {@code film-status} (group {@code story-service-film-ledger}) and settles the film's
 * reservations: a READY clip or narration attempt's reservation is replaced by its actual cost
 * ({@code costUsd}), a FAILED one is released (less what its calls did cost). Other steps, the
 * assembled movie, and events older than the cost field are acknowledged untouched.
 * Deduplicated with the processed-message table in the settling transaction.
 */
@ApplicationScoped
public class FilmSettlementConsumer {

    public static final String CHANNEL = "film-status-in";
    public static final String CONSUMER = "story-service/film-status";

    private final Ledger ledger;
    private final ProcessedMessages processed;

    public FilmSettlementConsumer(Ledger ledger, ProcessedMessages processed) {
        this.ledger = ledger;
        this.processed = processed;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<FilmStatus> message) {
        FilmStatus event = message.getPayload();
        FilmStatus.Item item = event == null ? null : event.item();
        if (event != null && (item == null || item.kind() == FilmStatus.Kind.FILM || !item.state().isFinal()
                || item.state() == FilmStatus.State.READY && item.costUsd() == null)) {
            return message.ack();
        }
        Optional<String> invalid = RecordChecks.missingValue(message, Topics.FILM_STATUS)
                .or(() -> RecordChecks.pictureAttempt(event.storyId(), item.sceneNumber(), item.attempt()));
        if (invalid.isPresent()) {
            return message.nack(new IllegalArgumentException("invalid film-status: " + invalid.get()));
        }
        Reservation.Purpose purpose = Reservation.Purpose.valueOf(item.kind().name());
        try {
            String id = CloudEvents.idOf(message);
            QuarkusTransaction.requiringNew().run(() -> {
                if (processed.firstTime(CONSUMER, id)) {
                    ledger.settle(UUID.fromString(event.storyId()), purpose, item.sceneNumber(), item.attempt(),
                            item.costUsd(), item.state() == FilmStatus.State.FAILED);
                }
            });
            return message.ack();
        } catch (RuntimeException e) {
            Log.errorf("film settlement failed story=%s kind=%s scene=%d attempt=%d: %s", event.storyId(),
                    item.kind(), item.sceneNumber(), item.attempt(), e.getMessage());
            return message.nack(e);
        }
    }
}
