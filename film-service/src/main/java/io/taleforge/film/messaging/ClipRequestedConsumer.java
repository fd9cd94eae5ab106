package io.taleforge.film.messaging;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.taleforge.commons.logging.LogContext;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.contracts.ClipRequested;
import io.taleforge.film.service.ClipWorker;

/**
 * Consumes {@code clip-requested} in the consumer group {@code film-workers} (scale by adding
 * instances, up to the partitions; KEDA watches its lag). Up to {@code taleforge.film.flow.concurrency}
 * messages are handled at once, out of order (the throttled commit keeps the offsets right). A
 * message is validated before admission, handled once (ProcessedMessages), and acknowledged only
 * after its handling committed; a malformed message or a failure is negatively acknowledged and
 * dead-lettered to {@code clip-requested.dlq} with the reason.
 */
@ApplicationScoped
public class ClipRequestedConsumer {

    public static final String CHANNEL = "clip-requested";

    private final ClipWorker worker;

    public ClipRequestedConsumer(ClipWorker worker) {
        this.worker = worker;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "film-workers", ordered = false)
    public CompletionStage<Void> consume(Message<ClipRequested> message) {
        ClipRequested request = message.getPayload();
        try {
            validate(request);
            try (LogContext ids = LogContext.of(request.storyId(), request.sceneNumber(), request.attempt())) {
                worker.start(CloudEvents.idOf(message), request);
            }
            return message.ack();
        } catch (RuntimeException e) {
            Log.errorf("clip-requested failed, dead-lettering storyId=%s scene=%s attempt=%s: %s",
                    request == null ? null : request.storyId(), request == null ? null : request.sceneNumber(),
                    request == null ? null : request.attempt(), e.getMessage());
            return message.nack(e);
        }
    }

    static void validate(ClipRequested request) {
        if (request == null) {
            throw new IllegalArgumentException("not a clip-requested record");
        }
        UUID.fromString(request.storyId());
        if (request.sceneNumber() < 1 || request.sceneNumber() > 20) {
            throw new IllegalArgumentException("sceneNumber must be 1 to 20, was " + request.sceneNumber());
        }
        if (request.attempt() < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + request.attempt());
        }
        if (request.imageUrl() == null || request.imageUrl().isBlank()) {
            throw new IllegalArgumentException("imageUrl is required");
        }
    }
}
