package io.taleforge.image.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.taleforge.commons.journal.Journal;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.image.mapping.ImageStatusMapper;
import io.taleforge.image.messaging.ImageStatusPublisher;
import io.taleforge.image.model.ImageJob;

/**
 * How a record ends. A record is acknowledged only once its outcome is durable: the job row final
 * and the final image-status acknowledged by the broker. FAILED and SKIPPED records are nacked
 * into the dead-letter topic (never silently acked), and so is a record whose processing broke.
 */
@ApplicationScoped
public class JobOutcomes {

    private final HeldJobs held;
    private final ImageJobService jobs;
    private final ImageStatusPublisher publisher;
    private final Journal journal;
    private final GenerationService generation;

    public JobOutcomes(HeldJobs held, ImageJobService jobs, ImageStatusPublisher publisher, Journal journal,
            GenerationService generation) {
        this.held = held;
        this.jobs = jobs;
        this.publisher = publisher;
        this.journal = journal;
        this.generation = generation;
    }

    /** Publishes the final status of a job this instance finished, then settles its records. */
    public void complete(HeldJobs.Held h, ImageJob done) {
        try {
            publishFinal(done).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.errorf(e, "final status not published story=%s scene=%d attempt=%d", done.storyId,
                    done.sceneNumber, done.attempt);
            abandon(h, e);
            return;
        }
        if (done.status == ImageStatus.Status.READY) {
            Log.infof("ready story=%s scene=%d attempt=%d url=%s providerMs=%d", done.storyId, done.sceneNumber,
                    done.attempt, done.imageUrl, done.durationMs);
        } else {
            Log.warnf("%s story=%s scene=%d attempt=%d code=%s: %s", done.status, done.storyId, done.sceneNumber,
                    done.attempt, done.errorCode, done.errorMessage);
        }
        settle(held.drain(h), done);
    }

    /** A record of a job that was already final: re-emit its final status (same id), call nothing. */
    public void alreadyFinished(Message<?> message, ImageJob done) {
        Log.infof("already finished story=%s scene=%d attempt=%d status=%s: re-emitting, no provider call",
                done.storyId, done.sceneNumber, done.attempt, done.status);
        publishFinal(done).whenComplete((ok, failure) -> {
            if (failure == null) {
                settle(List.of(message), done);
            } else {
                message.nack(failure);
            }
        });
    }

    /** READY records are acked; FAILED and SKIPPED ones go to the dead-letter topic with the reason. */
    private static void settle(List<Message<?>> messages, ImageJob done) {
        if (done.status == ImageStatus.Status.READY) {
            messages.forEach(Message::ack);
        } else {
            ImageFailedException failure = new ImageFailedException(done.errorCode, done.errorMessage);
            messages.forEach(m -> m.nack(failure));
        }
    }

    /**
     * This instance no longer holds the job (another instance took it over): its outcome is theirs.
     * The job row stays open until they finish it, so the records can be acked here.
     */
    public void lost(HeldJobs.Held h) {
        ImageJob now = jobs.reload(h.job.id);
        if (now != null && now.status.isFinal()) {
            complete(h, now);
            return;
        }
        Log.warnf("lease lost story=%s scene=%d attempt=%d to instance=%s", h.job.storyId, h.job.sceneNumber,
                h.job.attempt, now == null ? null : now.owner);
        held.drain(h).forEach(Message::ack);
    }

    /** Processing broke (database or broker trouble): dead-letter, never a silent ack. */
    public void abandon(HeldJobs.Held h, Throwable e) {
        held.drain(h).forEach(m -> m.nack(e));
    }

    /** Shutdown: the records stay unacknowledged (redelivered to another instance). */
    public void release(HeldJobs.Held h) {
        held.drain(h);
    }

    /**
     * A record that is not a valid scene-approved event: a SKIPPED journal row with the reason, a
     * SKIPPED status when it names a story, then the dead-letter topic. No job row, no provider call.
     */
    public void refuse(Message<SceneApproved> message, String reason) {
        SceneApproved event = message.getPayload();
        UUID storyId = storyIdOf(event);
        journal.skipped(new Journal.Subject(GenerationService.OP_GENERATE, storyId,
                event == null ? null : event.sceneNumber(), event == null ? null : event.attempt(),
                generation.provider().name(), generation.provider().model()), "validate",
                event == null ? null : event.toString(), reason);
        ImageFailedException failure = new ImageFailedException("invalid_message", reason);
        if (event != null && event.storyId() != null) {
            publisher.publish(new ImageStatus(event.storyId(), event.sceneNumber(), event.attempt(),
                    ImageStatus.Status.SKIPPED, null, generation.provider().name(), generation.provider().model(),
                    null, new ImageStatus.ImageError(failure.code(), reason), Instant.now()))
                    .whenComplete((ok, e) -> message.nack(failure));
        } else {
            message.nack(failure);
        }
    }

    private static UUID storyIdOf(SceneApproved event) {
        try {
            return event == null || event.storyId() == null ? null : UUID.fromString(event.storyId());
        } catch (IllegalArgumentException notAUuid) {
            return null; // journaled without it
        }
    }

    private CompletableFuture<Void> publishFinal(ImageJob job) {
        BigDecimal cost = journal.cost(GenerationService.OP_GENERATE, job.storyId, job.sceneNumber, job.attempt);
        return publisher.publish(ImageStatusMapper.status(job, job.updatedAt, cost));
    }
}
