package io.taleforge.image.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.service.JobAdmission;

/**
 * Consumes scene-approved in group image-workers, typed ({@link SceneApprovedDeserializer}). A
 * record is validated first: an invalid one (unreadable, or a field out of range) is SKIPPED with
 * the reason and dead-lettered right here, and never admitted. A valid one is handed to
 * admission; the stage returned completes at once while admission has room, else once its job is
 * queued in this instance, so the poll loop never waits for a provider. The record itself is acknowledged (or dead-lettered) once its outcome is
 * durable, and the throttled commit strategy commits offsets only up to there.
 */
@ApplicationScoped
public class SceneApprovedConsumer {

    private final JobAdmission admission;

    public SceneApprovedConsumer(JobAdmission admission) {
        this.admission = admission;
    }

    @Incoming(Topics.SCENE_APPROVED)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<SceneApproved> message) {
        String invalid = SceneApprovedValidator.problem(message);
        return invalid == null ? admission.admit(message) : admission.refuse(message, invalid);
    }
}
