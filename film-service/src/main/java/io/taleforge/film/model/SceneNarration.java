package io.taleforge.film.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/**
 * One scene's narration. A worker holds it until {@code nextAt} (its claim); when the holder dies
 * the claim runs out and another worker speaks it again. A FAILED narration always says why.
 */
@Entity
@Table(name = "film_narration")
public class SceneNarration {

    @EmbeddedId
    public Clip.Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public NarrationState state;

    @Column(nullable = false)
    public int attempts;

    @Column(length = 32)
    public String provider;

    @Column(length = 100)
    public String model;

    /** QUEUED: due from then; SPEAKING: held by a worker until then. */
    @Column(name = "next_at")
    public Instant nextAt;

    @Column(name = "spoken_text", columnDefinition = "NVARCHAR(MAX)")
    public String spokenText;

    @Column(name = "media_url", length = 2048)
    public String mediaUrl;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "error_message", length = 2000)
    public String errorMessage;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static SceneNarration queue(UUID storyId, int sceneNumber, Instant now) {
        SceneNarration narration = new SceneNarration();
        narration.key = new Clip.Key(storyId, sceneNumber);
        narration.state = NarrationState.QUEUED;
        narration.nextAt = now;
        narration.updatedAt = now;
        return narration;
    }

    public UUID storyId() {
        return key.storyId;
    }

    public int sceneNumber() {
        return key.sceneNumber;
    }

    /** A new attempt starts, held by a worker until {@code claimUntil}. */
    public void startAttempt(String providerName, String modelName, Instant claimUntil, Instant now) {
        attempts++;
        state = NarrationState.SPEAKING;
        provider = providerName;
        model = modelName;
        nextAt = claimUntil;
        spokenText = null;
        mediaUrl = null;
        durationMs = null;
        errorCode = null;
        errorMessage = null;
        updatedAt = now;
    }

    /** The narration's audio is in our media store. */
    public void ready(String text, String url, long durationMillis, Instant now) {
        state = NarrationState.READY;
        spokenText = text;
        mediaUrl = url;
        durationMs = durationMillis;
        nextAt = null;
        updatedAt = now;
    }

    /** A passing failure: the same attempt, due again at {@code next}. */
    public void later(Instant next, Instant now) {
        nextAt = next;
        updatedAt = now;
    }

    /** The narration failed, always with its reason. */
    public void fail(String code, String message, Instant now) {
        state = NarrationState.FAILED;
        errorCode = code;
        errorMessage = Reasons.of(code, message, 2000);
        nextAt = null;
        updatedAt = now;
    }

    /** Another try of a failed narration, due at once. */
    public void requeue(Instant now) {
        state = NarrationState.QUEUED;
        nextAt = now;
        updatedAt = now;
    }
}
