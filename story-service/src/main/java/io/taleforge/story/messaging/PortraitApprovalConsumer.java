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
import io.taleforge.commons.logging.LogContext;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.commons.messaging.RecordChecks;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.Pictures;
import io.taleforge.contracts.Topics;
import io.taleforge.story.service.StoryService;

/**
 * Consumes {@code approval-status} (group {@code story-service}) as typed {@link ApprovalStatus}
 * records and acts on one kind only: the hero's portrait (picture 0) APPROVED, with its image.
 * Then the 20 scenes' pictures start, each with the portrait as its reference
 * ({@link StoryService#portraitApproved}), in the transaction that records the message as
 * processed, so a redelivery changes nothing. Every other status is acknowledged untouched. A
 * portrait approval that cannot be read (no value, no story id, no image) is dead-lettered with
 * the reason; a failure is negatively acknowledged and dead-lettered to {@code approval-status.dlq}.
 */
@ApplicationScoped
public class PortraitApprovalConsumer {

    public static final String CHANNEL = "approval-status-in";
    public static final String CONSUMER = "story-service/approval-status";

    private final StoryService stories;
    private final ProcessedMessages processed;

    public PortraitApprovalConsumer(StoryService stories, ProcessedMessages processed) {
        this.stories = stories;
        this.processed = processed;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<ApprovalStatus> message) {
        ApprovalStatus event = message.getPayload();
        if (event != null && !portraitApproval(event)) {
            return message.ack();
        }
        Optional<String> invalid = invalid(message);
        if (invalid.isPresent()) {
            Log.warnf("approval-status invalid, dead-lettering: %s", invalid.get());
            return message.nack(new IllegalArgumentException("invalid approval-status: " + invalid.get()));
        }
        try (LogContext ids = LogContext.of(event.storyId(), event.sceneNumber(), event.attempt())) {
            String id = CloudEvents.idOf(message);
            boolean started = QuarkusTransaction.requiringNew().call(() -> processed.firstTime(CONSUMER, id)
                    && stories.portraitApproved(UUID.fromString(event.storyId()), event.attempt(), event.imageUrl()));
            Log.debugf("portrait approval handled id=%s scenesStarted=%s", id, started);
            return message.ack();
        } catch (RuntimeException e) {
            Log.errorf("portrait approval failed, dead-lettering story=%s attempt=%s: %s", event.storyId(),
                    event.attempt(), e.getMessage());
            return message.nack(e);
        }
    }

    private static boolean portraitApproval(ApprovalStatus event) {
        return event.sceneNumber() == Pictures.PORTRAIT && event.decision() == ApprovalStatus.Decision.APPROVED;
    }

    /** What makes a portrait approval unfit to handle; empty when it may be admitted. */
    static Optional<String> invalid(Message<ApprovalStatus> message) {
        ApprovalStatus event = message.getPayload();
        return RecordChecks.missingValue(message, Topics.APPROVAL_STATUS)
                .or(() -> RecordChecks.pictureAttempt(event.storyId(), event.sceneNumber(), event.attempt()))
                .or(() -> event.imageUrl() == null || event.imageUrl().isBlank()
                        ? Optional.of("imageUrl of the approved portrait is missing") : Optional.empty());
    }
}
