package io.taleforge.approval.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.taleforge.approval.config.ApprovalConfig;
import io.taleforge.approval.history.Decision;
import io.taleforge.approval.history.DecisionHistory;
import io.taleforge.approval.mapping.ApprovalMapper;
import io.taleforge.approval.model.SceneApproval;
import io.taleforge.approval.model.SceneState;
import io.taleforge.approval.model.StoryApproval;
import io.taleforge.approval.repository.SceneApprovalRepository;
import io.taleforge.approval.repository.StoryApprovalRepository;
import io.taleforge.commons.inbox.ProcessedMessages;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Pictures;
import io.taleforge.contracts.Topics;

/**
 * Decides approval: applies image statuses to the latest attempt of each scene, records the
 * reader's decisions, and writes the events that announce them to the outbox in the same
 * transaction. Every change to a story first locks its {@link StoryApproval} row, so changes to
 * one story are serialized and the approved count it announces is exact.
 */
@ApplicationScoped
public class ApprovalService {

    /** The consumer name under which processed image-status CloudEvent ids are recorded. */
    public static final String IMAGE_STATUS_CONSUMER = "approval-service/" + Topics.IMAGE_STATUS;

    private final StoryApprovalRepository stories;
    private final SceneApprovalRepository scenes;
    private final ProcessedMessages processed;
    private final Outbox outbox;
    private final ApprovalConfig config;
    private final DecisionHistory history;

    public ApprovalService(StoryApprovalRepository stories, SceneApprovalRepository scenes,
            ProcessedMessages processed, Outbox outbox, ApprovalConfig config, DecisionHistory history) {
        this.stories = stories;
        this.scenes = scenes;
        this.processed = processed;
        this.outbox = outbox;
        this.config = config;
        this.history = history;
    }

    /** A decision or retry and the scene it left, and whether it changed anything. */
    public record Outcome(SceneApproval scene, boolean changed) {
    }

    /**
     * Applies one image status, once per CloudEvent id. The status of an older attempt is
     * ignored; a newer attempt replaces the scene's state; within one attempt the state only moves
     * forward (WAITING → FAILED → PENDING) and never touches a decided or retried attempt.
     *
     * @return true when the scene changed
     */
    @Transactional
    public boolean applyImageStatus(String messageId, UUID storyId, ImageStatus status) {
        if (!processed.firstTime(IMAGE_STATUS_CONSUMER, messageId)) {
            Log.infof("image-status duplicate ignored storyId=%s scene=%d attempt=%d messageId=%s",
                    storyId, status.sceneNumber(), status.attempt(), messageId);
            return false;
        }
        Instant now = Instant.now();
        StoryApproval story = stories.lockOrCreate(storyId, now);
        SceneState target = SceneState.of(status.status());
        Optional<SceneApproval> known = scenes.find(storyId, status.sceneNumber());
        SceneApproval scene = known.orElseGet(() -> firstAttempt(storyId, status, target, now));
        if (known.isPresent() && !scene.moveTo(status.attempt(), target)) {
            return false;
        }
        if (target == SceneState.PENDING) {
            scene.imageReady(status.imageUrl());
        } else if (target == SceneState.FAILED) {
            scene.imageFailed(errorCode(status), truncate(status.error() == null ? null : status.error().message(), 2000));
        }
        scene.updatedAt = now;
        story.updatedAt = now;
        Log.infof("scene state %s storyId=%s scene=%d attempt=%d imageStatus=%s",
                scene.state, storyId, scene.sceneNumber(), scene.attempt, status.status());
        announce(story, scene);
        return true;
    }

    /** The scene's first known attempt, in {@code target}. */
    private SceneApproval firstAttempt(UUID storyId, ImageStatus status, SceneState target, Instant now) {
        SceneApproval scene = new SceneApproval();
        scene.key = new SceneApproval.Key(storyId, status.sceneNumber());
        scene.startAttempt(status.attempt(), target);
        scene.updatedAt = now;
        scenes.persist(scene);
        return scene;
    }

    /** The error's code, or the status's name (failed, skipped) when the error has none. */
    private static String errorCode(ImageStatus status) {
        ImageStatus.ImageError error = status.error();
        return error != null && error.code() != null ? error.code() : status.status().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Records the reader's decision on the scene's latest attempt. Repeating the same decision
     * changes nothing and answers the same; a different decision on a decided attempt is a conflict.
     */
    @Transactional
    public Outcome decide(UUID storyId, int sceneNumber, Action action, String feedback) {
        StoryApproval story = lockKnownStory(storyId, sceneNumber);
        SceneApproval scene = scenes.find(storyId, sceneNumber)
                .orElseThrow(() -> notReady(sceneNumber, "has no image yet"));
        String cleanFeedback = feedback == null || feedback.isBlank() ? null : feedback.strip();
        switch (scene.state) {
            case PENDING -> {
                Instant now = Instant.now();
                scene.state = action == Action.APPROVE ? SceneState.APPROVED : SceneState.REJECTED;
                scene.feedback = action == Action.REJECT ? cleanFeedback : null;
                scene.decidedAt = now;
                history.record(scene, action == Action.APPROVE ? Decision.Kind.APPROVED : Decision.Kind.REJECTED,
                        scene.feedback, now);
                scene.updatedAt = now;
                story.updatedAt = now;
                if (action == Action.REJECT) {
                    outbox.append(Topics.IMAGE_REJECTED, storyId.toString(),
                            new ImageRejected(storyId.toString(), sceneNumber, scene.attempt, scene.feedback));
                }
                Log.infof("scene %s storyId=%s scene=%d attempt=%d feedback=%s",
                        scene.state, storyId, sceneNumber, scene.attempt, scene.feedback != null);
                announce(story, scene);
                return new Outcome(scene, true);
            }
            case APPROVED, REJECTED -> {
                SceneState asked = action == Action.APPROVE ? SceneState.APPROVED : SceneState.REJECTED;
                boolean same = scene.state == asked
                        && (action == Action.APPROVE || Objects.equals(scene.feedback, cleanFeedback));
                if (!same) {
                    throw new DecisionConflict("already-decided",
                            "scene %d attempt %d is already %s; a different decision is not accepted"
                                    .formatted(sceneNumber, scene.attempt, scene.state));
                }
                Log.infof("scene decision repeated storyId=%s scene=%d attempt=%d state=%s",
                        storyId, sceneNumber, scene.attempt, scene.state);
                return new Outcome(scene, false);
            }
            default -> throw notReady(sceneNumber, "is " + scene.state
                    + (scene.state == SceneState.FAILED ? " (ask for a retry)" : "") + ", not ready for a decision");
        }
    }

    /**
     * Asks for another attempt of a FAILED image: {@code image-rejected} without feedback. The
     * scene waits for the next attempt; asking again before it arrives changes nothing.
     */
    @Transactional
    public Outcome retry(UUID storyId, int sceneNumber) {
        StoryApproval story = lockKnownStory(storyId, sceneNumber);
        SceneApproval scene = scenes.find(storyId, sceneNumber)
                .orElseThrow(() -> notFailed(sceneNumber, "has no image yet"));
        if (scene.retryRequested) {
            Log.infof("scene retry repeated storyId=%s scene=%d attempt=%d", storyId, sceneNumber, scene.attempt);
            return new Outcome(scene, false);
        }
        if (scene.state != SceneState.FAILED) {
            throw notFailed(sceneNumber, "attempt %d is %s".formatted(scene.attempt, scene.state));
        }
        Instant now = Instant.now();
        scene.retryRequested = true;
        scene.state = SceneState.WAITING;
        scene.updatedAt = now;
        history.record(scene, Decision.Kind.RETRY_REQUESTED, null, now);
        story.updatedAt = now;
        outbox.append(Topics.IMAGE_REJECTED, storyId.toString(),
                new ImageRejected(storyId.toString(), sceneNumber, scene.attempt, null));
        Log.infof("scene retry requested storyId=%s scene=%d attempt=%d error=%s",
                storyId, sceneNumber, scene.attempt, scene.errorCode);
        return new Outcome(scene, true);
    }

    /**
     * Approves every scene whose latest attempt waits for a decision (PENDING), in one
     * transaction, each exactly as {@link #decide} would; the other scenes are left as they are.
     *
     * @return the scenes it approved, in order (none when nothing was pending)
     */
    @Transactional
    public List<SceneApproval> approveAll(UUID storyId) {
        stories.lock(storyId).orElseThrow(() -> new NotFound("story " + storyId));
        List<SceneApproval> approved = new ArrayList<>();
        for (SceneApproval scene : scenes.ofStory(storyId)) {
            if (scene.state == SceneState.PENDING) {
                approved.add(decide(storyId, scene.sceneNumber(), Action.APPROVE, null).scene());
            }
        }
        Log.infof("approve all storyId=%s approved=%d", storyId, approved.size());
        return approved;
    }

    /**
     * Asks again for every scene whose latest attempt FAILED (and was not retried yet), each
     * exactly as {@link #retry} would.
     *
     * @return the scenes it asked again for, in order
     */
    @Transactional
    public List<SceneApproval> retryFailed(UUID storyId) {
        stories.lock(storyId).orElseThrow(() -> new NotFound("story " + storyId));
        List<SceneApproval> retried = new ArrayList<>();
        for (SceneApproval scene : scenes.ofStory(storyId)) {
            if (scene.state == SceneState.FAILED && !scene.retryRequested) {
                retried.add(retry(storyId, scene.sceneNumber()).scene());
            }
        }
        Log.infof("retry all failed storyId=%s retried=%d", storyId, retried.size());
        return retried;
    }

    /** Every scene's latest attempt; 404 when the story was never seen. */
    @Transactional
    public List<SceneApproval> scenesOf(UUID storyId) {
        if (stories.findByIdOptional(storyId).isEmpty()) {
            throw new NotFound("story " + storyId);
        }
        return scenes.ofStory(storyId);
    }

    public int total() {
        return config.scenesPerStory();
    }

    /**
     * Writes {@code approval-status} for the scene's new state, with the story's approved count;
     * the first time every latest attempt is approved it says so, and the story remembers it.
     */
    private void announce(StoryApproval story, SceneApproval scene) {
        if (scene.state.decision() == null) {
            return;
        }
        int total = config.scenesPerStory();
        int approved = scenes.countApproved(story.storyId);
        boolean allApproved = approved == total && story.allApprovedAt == null;
        if (allApproved) {
            story.allApprovedAt = Instant.now();
            Log.infof("all scenes approved storyId=%s scenes=%d", story.storyId, total);
        }
        ApprovalStatus event = ApprovalMapper.toEvent(scene, approved, total, allApproved);
        outbox.append(Topics.APPROVAL_STATUS, story.storyId.toString(), event);
    }

    private StoryApproval lockKnownStory(UUID storyId, int sceneNumber) {
        StoryApproval story = stories.lock(storyId).orElseThrow(() -> new NotFound("story " + storyId));
        if (sceneNumber < Pictures.PORTRAIT || sceneNumber > config.scenesPerStory()) {
            throw new NotFound("scene " + sceneNumber + " of story " + storyId);
        }
        return story;
    }

    private static DecisionConflict notReady(int sceneNumber, String why) {
        return new DecisionConflict("image-not-ready", "scene " + sceneNumber + " " + why);
    }

    private static DecisionConflict notFailed(int sceneNumber, String why) {
        return new DecisionConflict("image-not-failed",
                "only a FAILED image can be retried; scene " + sceneNumber + " " + why);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
