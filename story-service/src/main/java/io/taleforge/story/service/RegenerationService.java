package io.taleforge.story.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.taleforge.commons.inbox.ProcessedMessages;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.commons.text.PromptSanitizer;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.mapping.StoryMapper;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter.PromptRevision;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.TemplateStoryWriter;

/**
 * Answers a rejected image with the scene's next attempt: revises the prompt with the reader's
 * feedback (character sheet and style kept), sanitizes it, and writes {@code scene-approved}
 * with {@code attempt + 1} to the outbox in one transaction together with the processed-message
 * row, so a redelivered {@code image-rejected} changes nothing. The writer is called between two
 * short transactions, never inside one.
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
        STALE,
        /** The new attempt's estimate fits no more in a limit: refused before any provider call; the scene says why. */
        OVER_BUDGET
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
    private final Outbox outbox;
    private final StoryMapper mapper;
    private final Journal journal;
    private final StoryConfig config;
    private final StoryWriter fallback;
    private final StoryBudget budget;
    private final StoryEstimates estimates;

    public RegenerationService(ProcessedMessages processed, StoryService stories, StoryBriefs briefs,
            StoryWriters writers, PromptComposer composer, Outbox outbox,
            StoryMapper mapper, Journal journal, StoryConfig config,
            @Identifier(TemplateStoryWriter.PROVIDER) StoryWriter fallback, StoryBudget budget, StoryEstimates estimates) {
        this.budget = budget;
        this.estimates = estimates;
        this.processed = processed;
        this.stories = stories;
        this.briefs = briefs;
        this.writers = writers;
        this.composer = composer;
        this.outbox = outbox;
        this.mapper = mapper;
        this.journal = journal;
        this.config = config;
        this.fallback = fallback;
    }

    /**
     * Handles one {@code image-rejected} in three steps, so that no transaction (and no row lock)
     * is held while a language model thinks: a short transaction reads what to revise (or finds
     * the message a duplicate, stale or unprocessable); the writer revises, journaled, outside any
     * transaction; a second short transaction records the message as processed, locks the story,
     * checks that the scene is still at the attempt that was revised (a concurrent handler may
     * have moved it: then the revision is dropped as stale) and writes the next attempt.
     * Retry: absorbs a transient failure (lock timeout, lost database connection); a rejection
     * that can never be handled is not retried and goes straight to the dead-letter topic.
     */
    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, abortOn = UnprocessableRejection.class)
    public Outcome handle(String messageId, ImageRejected event) {
        Plan plan;
        try {
            plan = QuarkusTransaction.requiringNew().call(() -> plan(messageId, event));
        } catch (BudgetExceeded e) {
            return QuarkusTransaction.requiringNew().call(() -> refuse(messageId, event, e));
        }
        if (plan.outcome() != null) {
            return plan.outcome();
        }
        String prompt = revise(plan.scene(), plan.feedback(), plan.scene().attempt() + 1);
        return QuarkusTransaction.requiringNew().call(() -> apply(messageId, event, plan, prompt));
    }

    /** What the revision needs, read in the first transaction; detached from the database. */
    record SceneSnapshot(UUID storyId, int number, String stage, String text, String prompt, int attempt,
            String characterSheet, String styleLine, StoryBrief brief) {
    }

    /** Either an outcome already (duplicate, stale) or the scene to revise with the feedback. */
    private record Plan(Outcome outcome, SceneSnapshot scene, String feedback) {
    }

    private Plan plan(String messageId, ImageRejected event) {
        if (processed.seen(CONSUMER, messageId)) {
            Log.infof("image-rejected duplicate ignored story=%s scene=%d attempt=%d id=%s", event.storyId(),
                    event.sceneNumber(), event.attempt(), messageId);
            return new Plan(Outcome.DUPLICATE, null, null);
        }
        UUID storyId = UUID.fromString(event.storyId()); // checked by the consumer before admission
        Story story = Story.<Story>findByIdOptional(storyId)
                .orElseThrow(() -> new UnprocessableRejection("unknown story " + event.storyId()));
        Scene scene = current(story, event);
        if (scene == null) {
            return new Plan(Outcome.STALE, null, null);
        }
        budget.reserveRedraw(story, scene.number, scene.attempt + 1); // the picture and the revision, before the writer's call
        SceneSnapshot snapshot = new SceneSnapshot(story.id, scene.number, scene.stage, scene.text, scene.prompt,
                scene.attempt, story.characterSheet, story.styleLine, briefs.of(stories.answersOf(story)));
        return new Plan(null, snapshot, trimFeedback(event.feedback()));
    }

    /** The scene the rejection is about if it is its latest attempt; null (logged) when stale. */
    private static Scene current(Story story, ImageRejected event) {
        Scene scene = story.scene(event.sceneNumber())
                .orElseThrow(() -> new UnprocessableRejection("story " + story.id + " has no scene " + event.sceneNumber()));
        if (scene.attempt == null) {
            throw new UnprocessableRejection("scene %d of story %s was never sent for an image"
                    .formatted(event.sceneNumber(), story.id));
        }
        if (event.attempt() < scene.attempt) {
            Log.infof("image-rejected stale ignored story=%s scene=%d attempt=%d current=%d", story.id, scene.number,
                    event.attempt(), scene.attempt);
            return null;
        }
        if (event.attempt() > scene.attempt) {
            throw new UnprocessableRejection("attempt %d of scene %d of story %s was never sent (latest is %d)"
                    .formatted(event.attempt(), scene.number, story.id, scene.attempt));
        }
        return scene;
    }

    private Outcome apply(String messageId, ImageRejected event, Plan plan, String prompt) {
        if (!processed.firstTime(CONSUMER, messageId)) {
            return Outcome.DUPLICATE; // handled meanwhile by another delivery of the same message
        }
        Story story = Story.lockedById(plan.scene().storyId())
                .orElseThrow(() -> new UnprocessableRejection("story " + event.storyId() + " was deleted"));
        Scene scene = current(story, event);
        if (scene == null || scene.attempt != plan.scene().attempt()) {
            budget.releasePicture(story.id, plan.scene().number(), plan.scene().attempt() + 1);
            return Outcome.STALE; // the scene moved on while the writer revised: this revision is dropped
        }
        int next = scene.nextAttempt(prompt, Instant.now());
        outbox.append(Topics.SCENE_APPROVED, SceneApproved.key(story.id.toString(), scene.number),
                mapper.sceneApproved(story, scene, config.prompts().imageSize()));
        if (story.startRegenerating()) {
            outbox.append(Topics.STORY_STATUS, story.id.toString(), mapper.status(story));
        }
        Log.infof("scene regenerating story=%s scene=%d attempt=%d feedback=%s", story.id, scene.number, next,
                plan.feedback() != null);
        return Outcome.NEW_ATTEMPT;
    }

    /**
     * The next attempt did not fit the budget: the message is recorded as processed, the scene keeps
     * why it was not redrawn (so a reload shows it) and {@code story-status} tells the reader, all in
     * one transaction. Nothing was reserved and no provider was called.
     */
    private Outcome refuse(String messageId, ImageRejected event, BudgetExceeded e) {
        if (!processed.firstTime(CONSUMER, messageId)) {
            return Outcome.DUPLICATE;
        }
        Story story = Story.lockedById(UUID.fromString(event.storyId()))
                .orElseThrow(() -> new UnprocessableRejection("story " + event.storyId() + " was deleted"));
        Scene scene = current(story, event);
        if (scene == null) {
            return Outcome.STALE;
        }
        StoryStatus.Refusal refusal = scene.refuseRedrawing(e.limit(), e.estimate(), e.left(), Instant.now());
        outbox.append(Topics.STORY_STATUS, story.id.toString(), mapper.refused(story, refusal));
        Log.infof("regeneration refused story=%s scene=%d attempt=%d limit=%s estimate=%s left=%s", story.id,
                scene.number, scene.attempt + 1, e.limit(), e.estimate().toPlainString(), e.left().toPlainString());
        return Outcome.OVER_BUDGET;
    }

    /**
     * The writer revises (journaled); the result is sanitized and, when too long, rebuilt from the
     * scene with only this feedback. A writer that fails, or whose prompt lost the character sheet
     * or the style line, is replaced by the template's revision (the feedback appended to the
     * prompt): the reader still gets a new picture, and the journal row says why.
     */
    private String revise(SceneSnapshot scene, String feedback, int nextAttempt) {
        StoryWriter writer = writers.current();
        Journal.Subject subject = new Journal.Subject(OPERATION, scene.storyId(), scene.number(), nextAttempt,
                writer.provider(), writer.model());
        BigDecimal estimate = estimates.revision();
        Map<String, Long> used = new HashMap<>();
        try (JournalCall call = JournalCall.open(journal, subject, "revise",
                feedback == null ? "retry without feedback" : "feedback: " + feedback, estimate)) {
            PromptRevision request = new PromptRevision(scene.brief(), scene.number(), scene.text(), scene.prompt(),
                    feedback, scene.characterSheet(), scene.styleLine());
            String revised;
            try {
                revised = PromptSanitizer.sanitize(counted(writer.revise(request), used));
                if (!composer.fits(revised)) {
                    revised = PromptSanitizer.sanitize(counted(writer.revise(rebased(scene, request)), used));
                }
            } catch (RuntimeException e) {
                return fellBack(call, scene, request, nextAttempt, e);
            }
            if (!keepsLook(scene, revised)) {
                return fellBack(call, scene, request, nextAttempt, new IllegalStateException(
                        "the revised prompt lost the character sheet or the style line"));
            }
            // no call (a plain retry) costs nothing; a call whose usage was not reported costs the estimate
            BigDecimal cost = feedback == null ? BigDecimal.ZERO : estimates.writerCost(writer, used);
            call.success("revise", "prompt of %d characters".formatted(revised.length()), cost);
            budget.settleRevision(scene.storyId(), scene.number(), nextAttempt, cost == null ? estimate : cost,
                    feedback == null);
            return revised;
        }
    }

    /** The writer's answer's prompt; its tokens are added to {@code used}. */
    private static String counted(StoryWriter.Revision revision, Map<String, Long> used) {
        revision.tokens().forEach((kind, n) -> used.merge(kind, n, Long::sum));
        return revision.prompt();
    }

    /** The template's revision instead of the writer's: journaled as failed, its reservation released. */
    private String fellBack(JournalCall call, SceneSnapshot scene, PromptRevision request, int nextAttempt,
            RuntimeException why) {
        String fallen = fallback(scene, request);
        call.failed("revise, fell back to appending the feedback", why);
        budget.settleRevision(scene.storyId(), scene.number(), nextAttempt, BigDecimal.ZERO, true);
        return fallen;
    }

    /** The same revision, from the scene's first prompt instead of one grown by earlier feedback. */
    private PromptRevision rebased(SceneSnapshot scene, PromptRevision request) {
        String base = composer.scenePrompt(scene.number(), scene.text(), scene.characterSheet(),
                scene.styleLine());
        return new PromptRevision(request.brief(), scene.number(), scene.text(), base, request.feedback(),
                scene.characterSheet(), scene.styleLine());
    }

    private static boolean keepsLook(SceneSnapshot scene, String prompt) {
        return prompt != null && (scene.characterSheet() == null || prompt.contains(scene.characterSheet()))
                && (scene.styleLine() == null || prompt.contains(scene.styleLine()));
    }

    private String fallback(SceneSnapshot scene, PromptRevision request) {
        String revised = PromptSanitizer.sanitize(fallback.revisePrompt(request));
        if (!composer.fits(revised) || !keepsLook(scene, revised)) {
            revised = PromptSanitizer.sanitize(fallback.revisePrompt(rebased(scene, request)));
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
}
