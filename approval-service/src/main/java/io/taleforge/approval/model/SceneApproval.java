package io.taleforge.approval.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.quarkus.logging.Log;

/** The approval state of the latest attempt of one scene. */
@Entity
@Table(name = "scene_approval")
public class SceneApproval {

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "story_id")
        public UUID storyId;

        @Column(name = "scene_number")
        public int sceneNumber;

        public Key() {
        }

        public Key(UUID storyId, int sceneNumber) {
            this.storyId = storyId;
            this.sceneNumber = sceneNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(storyId, k.storyId) && sceneNumber == k.sceneNumber;
        }

        @Override
        public int hashCode() {
            return Objects.hash(storyId, sceneNumber);
        }
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public SceneState state;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "error_message", length = 2000)
    public String errorMessage;

    @Column(length = 2000)
    public String feedback;

    /** The reader asked for another attempt of this (failed) one; image-rejected is in the outbox. */
    @Column(name = "retry_requested", nullable = false)
    public boolean retryRequested;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public UUID storyId() {
        return key.storyId;
    }

    public int sceneNumber() {
        return key.sceneNumber;
    }

    /** Forgets everything about the previous attempt and starts {@code next} in {@code state}. */
    public void startAttempt(int next, SceneState initial) {
        attempt = next;
        state = initial;
        imageUrl = null;
        errorCode = null;
        errorMessage = null;
        feedback = null;
        retryRequested = false;
        decidedAt = null;
    }

    /** The attempt's image is ready to be decided on: it is shown, any earlier error forgotten. */
    public void imageReady(String url) {
        imageUrl = url;
        errorCode = null;
        errorMessage = null;
    }

    /** The attempt failed (or was skipped) for {@code code}, with words for people. */
    public void imageFailed(String code, String message) {
        errorCode = code;
        errorMessage = message;
    }

    /**
     * Moves this known scene to {@code target} as an image status of {@code newAttempt} says: a
     * newer attempt starts over, the same attempt only moves forward and never once decided or
     * retried, an older one never.
     *
     * @return false when the status does not move the scene
     */
    public boolean moveTo(int newAttempt, SceneState target) {
        if (newAttempt < attempt) {
            Log.infof("image-status of older attempt ignored storyId=%s scene=%d attempt=%d latest=%d target=%s",
                    storyId(), sceneNumber(), newAttempt, attempt, target);
            return false;
        }
        if (newAttempt > attempt) {
            startAttempt(newAttempt, target);
            return true;
        }
        if (state.isDecided() || retryRequested || !target.outranks(state)) {
            Log.debugf("image-status does not move the scene storyId=%s scene=%d attempt=%d state=%s target=%s",
                    storyId(), sceneNumber(), newAttempt, state, target);
            return false;
        }
        state = target;
        return true;
    }
}
