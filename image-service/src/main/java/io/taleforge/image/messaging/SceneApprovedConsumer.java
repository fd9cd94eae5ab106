package io.taleforge.image.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.taleforge.contracts.Topics;
import io.taleforge.image.service.ImageWorkers;

/**
 * Consumes scene-approved in group image-workers. The stage returned completes as soon as the job
 * is queued in this instance, so the poll loop never waits for a provider; the record itself is
 * acknowledged (or dead-lettered) by {@link ImageWorkers} once its outcome is durable, and the
 * throttled commit strategy commits offsets only up to there.
 */
@ApplicationScoped
public class SceneApprovedConsumer {

    private final ImageWorkers workers;

    public SceneApprovedConsumer(ImageWorkers workers) {
        this.workers = workers;
    }

    @Incoming(Topics.SCENE_APPROVED)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> message) {
        return workers.admit(message);
    }
}
