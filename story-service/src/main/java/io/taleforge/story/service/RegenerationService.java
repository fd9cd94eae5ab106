package io.taleforge.story.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.messaging.ProcessedMessages;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.mapping.StoryMapper;
import io.taleforge.story.messaging.Outbox;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.StoryWriter.PromptRevision;
import io.taleforge.story.provider.TemplateStoryWriter;

/**
 * Answers a rejected image with the scene's next attempt: revises the prompt with the reader's
 * feedback (character sheet and style kept), sanitizes it, and writes {@code scene-approved}
 * with {@code attempt + 1} to the outbox, all in one transaction together with the
 * processed-message row, so a redelivered {@code image-rejected} changes nothing.
 */
@ApplicationScoped
public class RegenerationService {

    public static final String CONSUMER = "story-service/image-rejected";
    public static final String OPERATION = "revise-prompt";

    /** What happened to one message. */
    public enum Outcome {
        /** A new attempt was written to the outbox. */
        NEW_ATTEMPT,
        /** The message was handled before (same CloudEvent id): nothing changed. */
        DUPLICATE,
        /** The rejection is about an attempt that was already superseded: nothing changed. */
        STALE
    }

    /** A rejection that can never be handled (unknown story or scene, an attempt never sent): not retried. */
    public static class UnprocessableRejection extends RuntimeException {

        public UnprocessableRejection(String message) {
            super(message);
        }
    }

    private final ProcessedMessages processed;
    private final StoryService stories;
    private final StoryBriefs briefs;
    private final StoryWriters writers;
    private final PromptComposer composer;
    private final PromptSanitizer sanitizer;
    private final Outbox outbox;
    private final StoryMapper mapper;
    private final Journal journal;
    private final StoryConfig config;
    private final StoryWriter fallback;

    public RegenerationService(ProcessedMessages processed, StoryService stories, StoryBriefs briefs,
            StoryWriters writers, PromptComposer composer, PromptSanitizer sanitizer, Outbox outbox,
            StoryMapper mapper, Journal journal, StoryConfig config,
            @Identifier(TemplateStoryWriter.PROVIDER) StoryWriter fallback) {
        this.processed = processed;
        this.stories = stories;
        this.briefs = briefs;
        this.writers = writers;
        this.composer = composer;
        this.sanitizer = sanitizer;
        this.outbox = outbox;
        this.mapper = mapper;
        this.journal = journal;
        this.config = config;
        this.fallback = fallback;
    }

    /**
     * Handles one {@code image-rejected}, each try in a fresh transaction.
     * Retry: absorbs a transient failure (lock timeout, lost database connection); a rejection
     * that can never be handled is not retried and goes straight to the dead-letter topic.
     */
    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, abortOn = UnprocessableRejection.class)
    public Outcome handle(String messageId, ImageRejected event) {
        return QuarkusTransaction.requiringNew().timeout(transactionSeconds())
                .call(() -> regenerate(messageId, event));
    }

    /** The writer is called inside the transaction: leave it the writer's timeouts plus a margin (at least 60 s). */
    private int transactionSeconds() {
        StoryConfig.OpenAi openai = config.writer().openai();
        return (int) Math.max(60, openai.connectTimeout().plus(openai.readTimeout()).toSeconds() + 30);
    }

    private Outcome regenerate(String messageId, ImageRejected event) {
        if (event == null || event.storyId() == null) {
            throw new UnprocessableRejection("image-rejected " + messageId + " has no story id");
        }
        if (!processed.firstTime(CONSUMER, messageId)) {
            Log.infof("image-rejected duplicate ignored story=%s scene=%d attempt=%d id=%s", event.storyId(),
                    event.sceneNumber(), event.attempt(), messageId);
            return Outcome.DUPLICATE;
        }
        UUID storyId = parse(event.storyId());
        Story story = Story.lockedById(storyId)
                .orElseThrow(() -> new UnprocessableRejection("unknown story " + event.storyId()));
        Scene scene = story.scene(event.sceneNumber())
                .orElseThrow(() -> new UnprocessableRejection("story " + storyId + " has no scene " + event.sceneNumber()));
        if (scene.attempt == null) {
            throw new UnprocessableRejection("scene %d of story %s was never sent for an image"
                    .formatted(event.sceneNumber(), storyId));
        }
        if (event.attempt() < scene.attempt) {
            Log.infof("image-rejected stale ignored story=%s scene=%d attempt=%d current=%d", storyId, scene.number,
                    event.attempt(), scene.attempt);
            return Outcome.STALE;
        }
        if (event.attempt() > scene.attempt) {
            throw new UnprocessableRejection("attempt %d of scene %d of story %s was never sent (latest is %d)"
                    .formatted(event.attempt(), scene.number, storyId, scene.attempt));
        }
        int next = scene.attempt + 1;
        String feedback = trimFeedback(event.feedback());
        scene.prompt = revise(story, scene, feedback, next);
        scene.attempt = next;
        Instant now = Instant.now();
        scene.updatedAt = now;
        story.updatedAt = now;
        outbox.sceneApproved(mapper.sceneApproved(story, scene, config.prompts().imageSize()));
        if (story.status != StoryStatus.Status.REGENERATING) {
            story.status = StoryStatus.Status.REGENERATING;
            outbox.storyStatus(mapper.status(story));
        }
        Log.infof("scene regenerating story=%s scene=%d attempt=%d feedback=%s", storyId, scene.number, next,
                feedback != null);
        return Outcome.NEW_ATTEMPT;
    }

    /**
     * The writer revises (journaled); the result is sanitized and, when too long, rebuilt from the
     * scene with only this feedback. A writer that fails, or whose prompt lost the character sheet
     * or the style line, is replaced by the template's revision (the feedback appended to the
     * prompt): the reader still gets a new picture, and the journal row says why.
     */
    private String revise(Story story, Scene scene, String feedback, int nextAttempt) {
        StoryWriter writer = writers.current();
        Journal.Subject subject = new Journal.Subject(OPERATION, story.id, scene.number, nextAttempt,
                writer.provider(), writer.model());
        try (JournalCall call = JournalCall.open(journal, subject, "revise",
                feedback == null ? "retry without feedback" : "feedback: " + feedback)) {
            PromptRevision request = new PromptRevision(briefs.of(stories.answersOf(story)), scene.number,
                    scene.text, scene.prompt, feedback, story.characterSheet, story.styleLine);
            String revised;
            try {
                revised = sanitizer.sanitize(writer.revisePrompt(request));
                if (!composer.fits(revised)) {
                    String base = composer.scenePrompt(scene.number, scene.stage, scene.text, story.characterSheet,
                            story.styleLine);
                    revised = sanitizer.sanitize(writer.revisePrompt(new PromptRevision(request.brief(), scene.number,
                            scene.text, base, feedback, story.characterSheet, story.styleLine)));
                }
            } catch (RuntimeException e) {
                String fallen = fallback(story, scene, request);
                call.failed("revise, fell back to appending the feedback", e);
                return fallen;
            }
            if (!keepsLook(story, revised)) {
                String fallen = fallback(story, scene, request);
                call.failed("revise, fell back to appending the feedback", new IllegalStateException(
                        "the revised prompt lost the character sheet or the style line"));
                return fallen;
            }
            call.success("revise", "prompt of %d characters".formatted(revised.length()));
            return revised;
        }
    }

    private static boolean keepsLook(Story story, String prompt) {
        return prompt != null && (story.characterSheet == null || prompt.contains(story.characterSheet))
                && (story.styleLine == null || prompt.contains(story.styleLine));
    }

    private String fallback(Story story, Scene scene, PromptRevision request) {
        String revised = sanitizer.sanitize(fallback.revisePrompt(request));
        if (!composer.fits(revised) || !keepsLook(story, revised)) {
            String base = composer.scenePrompt(scene.number, scene.stage, scene.text, story.characterSheet,
                    story.styleLine);
            revised = sanitizer.sanitize(fallback.revisePrompt(new PromptRevision(request.brief(), scene.number,
                    scene.text, base, request.feedback(), story.characterSheet, story.styleLine)));
        }
        return revised;
    }

    private String trimFeedback(String feedback) {
        if (feedback == null || feedback.isBlank()) {
            return null;
        }
        String clean = feedback.strip().replaceAll("\\s+", " ");
        int max = config.regeneration().maxFeedbackLength();
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableRejection("story id is not a UUID: " + id);
        }
    }
}
