package io.taleforge.film.model;

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

/**
 * One scene's clip. The provider's task id is stored before polling starts, so a restart resumes
 * polling that task instead of creating a second one; a FAILED clip always says why.
 */
@Entity
@Table(name = "film_clip")
public class Clip {

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

    @Column(name = "image_url", nullable = false, length = 2048)
    public String imageUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ClipState state;

    @Column(nullable = false)
    public int attempts;

    @Column(length = 32)
    public String provider;

    @Column(length = 100)
    public String model;

    @Column(name = "provider_task_id", length = 200)
    public String providerTaskId;

    /** The provider's own word for the task's state at the last poll (journaled when it changes). */
    @Column(name = "provider_status", length = 32)
    public String providerStatus;

    @Column(name = "task_created_at")
    public Instant taskCreatedAt;

    @Column(name = "deadline_at")
    public Instant deadlineAt;

    @Column(name = "next_poll_at")
    public Instant nextPollAt;

    @Column(nullable = false)
    public int polls;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "error_message", length = 2000)
    public String errorMessage;

    @Column(name = "media_url", length = 2048)
    public String mediaUrl;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Clip queue(UUID storyId, int sceneNumber, String imageUrl, Instant now) {
        Clip clip = new Clip();
        clip.key = new Key(storyId, sceneNumber);
        clip.imageUrl = imageUrl;
        clip.state = ClipState.QUEUED;
        clip.updatedAt = now;
        return clip;
    }

    public UUID storyId() {
        return key.storyId;
    }

    public int sceneNumber() {
        return key.sceneNumber;
    }

    /** A new attempt starts: everything the last one left behind is forgotten. */
    public void startAttempt(String providerName, String modelName, Instant deadline, Instant now) {
        attempts++;
        state = ClipState.RENDERING;
        provider = providerName;
        model = modelName;
        providerTaskId = null;
        providerStatus = null;
        taskCreatedAt = null;
        nextPollAt = null;
        polls = 0;
        deadlineAt = deadline;
        errorCode = null;
        errorMessage = null;
        mediaUrl = null;
        durationMs = null;
        updatedAt = now;
    }

    /** A worker holds the clip until {@code until}; after that another may take it over. */
    public void claim(Instant until, Instant now) {
        nextPollAt = until;
        updatedAt = now;
    }

    /** The provider accepted the task: remembered before the first poll. */
    public void taskCreated(String taskId, Instant firstPoll, Instant now) {
        providerTaskId = taskId;
        taskCreatedAt = now;
        nextPollAt = firstPoll;
        updatedAt = now;
    }

    /** The task is still running (or the provider asked us to wait): when to ask again. */
    public void polled(String status, Instant nextPoll, Instant now) {
        polls++;
        if (status != null) {
            providerStatus = status;
        }
        nextPollAt = nextPoll;
        updatedAt = now;
    }

    /** Nothing to do before {@code until}: the limiter or the provider asked to wait, or another instance claimed the step. */
    public void deferTo(Instant until, Instant now) {
        nextPollAt = until;
        updatedAt = now;
    }

    /** Whether the attempt's deadline has passed. */
    public boolean pastDeadline(Instant now) {
        return deadlineAt != null && now.isAfter(deadlineAt);
    }

    /** The clip is in our media store. */
    public void ready(String url, long durationMillis, Instant now) {
        state = ClipState.READY;
        mediaUrl = url;
        durationMs = durationMillis;
        nextPollAt = null;
        updatedAt = now;
    }

    /** The clip failed, always with its reason. */
    public void fail(String code, String message, Instant now) {
        state = ClipState.FAILED;
        errorCode = code;
        errorMessage = Reasons.of(code, message, 2000);
        nextPollAt = null;
        updatedAt = now;
    }

    /** The reader asks for another try of a failed clip. */
    public void requeue(Instant now) {
        state = ClipState.QUEUED;
        nextPollAt = null;
        deadlineAt = null;
        updatedAt = now;
    }
}
