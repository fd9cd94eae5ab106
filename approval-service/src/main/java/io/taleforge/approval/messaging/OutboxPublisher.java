package io.taleforge.approval.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.taleforge.approval.config.ApprovalConfig;
import io.taleforge.approval.model.OutboxMessage;
import io.taleforge.approval.repository.OutboxRepository;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.Topics;

/**
 * Publishes one batch of the outbox in id order: each row as a CloudEvent in binary mode keyed by
 * story id, with the row's message id as CloudEvent id, one at a time, marked sent only after the
 * broker acknowledged it. A failed send ends the batch so nothing overtakes it; the next run
 * retries it. A crash between the ack and the commit republishes the row with the same id.
 */
@ApplicationScoped
public class OutboxPublisher {

    private final OutboxRepository outbox;
    private final Emitter<String> approvalStatus;
    private final Emitter<String> imageRejected;
    private final ApprovalConfig config;

    public OutboxPublisher(OutboxRepository outbox,
            @Channel(Topics.APPROVAL_STATUS) Emitter<String> approvalStatus,
            @Channel(Topics.IMAGE_REJECTED) Emitter<String> imageRejected,
            ApprovalConfig config) {
        this.outbox = outbox;
        this.approvalStatus = approvalStatus;
        this.imageRejected = imageRejected;
        this.config = config;
    }

    /** The result of one batch: rows sent, and whether a send failed (the rest waits for the next run). */
    public record Batch(int sent, boolean failed, boolean full) {
    }

    @Transactional
    public Batch publishBatch() {
        List<OutboxMessage> rows = outbox.lockUnsent(config.outbox().batchSize());
        int sent = 0;
        for (OutboxMessage row : rows) {
            row.sendAttempts++;
            try {
                send(row);
            } catch (Exception e) {
                row.lastError = truncate(reason(e));
                Log.warnf("outbox send failed id=%d topic=%s storyId=%s attempts=%d: %s",
                        row.id, row.topic, row.storyId, row.sendAttempts, row.lastError);
                return new Batch(sent, true, false);
            }
            row.sentAt = Instant.now();
            sent++;
            Log.debugf("outbox sent id=%d topic=%s storyId=%s", row.id, row.topic, row.storyId);
        }
        return new Batch(sent, false, rows.size() == config.outbox().batchSize());
    }

    private void send(OutboxMessage row) throws Exception {
        Emitter<String> emitter = switch (row.topic) {
            case Topics.APPROVAL_STATUS -> approvalStatus;
            case Topics.IMAGE_REJECTED -> imageRejected;
            default -> throw new IllegalStateException("no channel for topic " + row.topic);
        };
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = CloudEvents.message(row.storyId.toString(), row.eventType,
                EventTypes.SOURCE_APPROVAL_SERVICE, row.payload, row.messageId)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        Duration timeout = config.outbox().sendTimeout();
        acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String reason(Exception e) {
        if (e instanceof TimeoutException) {
            return "no broker ack within " + config.outbox().sendTimeout();
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
