package io.taleforge.image.messaging;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.image.mapping.ImageStatusMapper;

/**
 * Publishes image-status as CloudEvents in binary mode keyed by story id (one story's statuses
 * stay in order on one partition). The returned future completes when the broker has the record:
 * a final status is awaited before its scene-approved offset may be committed.
 */
@ApplicationScoped
public class ImageStatusPublisher {

    private final Emitter<ImageStatus> emitter;
    private final MeterRegistry meters;

    public ImageStatusPublisher(@Channel(Topics.IMAGE_STATUS) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) Emitter<ImageStatus> emitter, MeterRegistry meters) {
        this.emitter = emitter;
        this.meters = meters;
    }

    /** Sends {@code status}; final statuses get their stable id, the others a fresh one. */
    public CompletableFuture<Void> publish(ImageStatus status) {
        String id = status.status().isFinal()
                ? ImageStatusMapper.finalEventId(status.storyId(), status.sceneNumber(), status.attempt(),
                        status.status())
                : UUID.randomUUID().toString();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Message<ImageStatus> message = CloudEvents.message(status.storyId(), EventTypes.IMAGE_STATUS,
                EventTypes.SOURCE_IMAGE_SERVICE, status, id)
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(TracingMetadata.withCurrent(Context.current())); // a worker's job trace, if any
        emitter.send(message);
        Counter.builder("taleforge.images").description("Image statuses announced, by status")
                .tag("status", status.status().name()).register(meters).increment();
        return sent;
    }
}
