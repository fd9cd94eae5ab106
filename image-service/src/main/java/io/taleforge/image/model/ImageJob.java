package io.taleforge.image.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.taleforge.contracts.ImageStatus;

/** One image attempt: unique per (story, scene, attempt), leased by the instance working on it. */
@Entity
@Table(name = "image_job")
public class ImageJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "story_id", nullable = false)
    public UUID storyId;

    @Column(name = "scene_number", nullable = false)
    public int sceneNumber;

    @Column(nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ImageStatus.Status status;

    @Column(nullable = false)
    public String prompt;

    public String style;

    @Column(length = 32)
    public String size;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** A scene's reference: the approved portrait's image URL; null for the portrait (picture 0) itself. */
    @Column(name = "reference_url", length = 1000)
    public String referenceUrl;

    /** The W3C traceparent of the consumer that admitted the job; null when tracing is off. */
    @Column(length = 64)
    public String traceparent;

    @Column(name = "image_url", length = 1000)
    public String imageUrl;

    @Column(name = "media_key", length = 200)
    public String mediaKey;

    @Column(length = 64)
    public String provider;

    @Column(length = 100)
    public String model;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "provider_calls", nullable = false)
    public int providerCalls;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(length = 128)
    public String owner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Whether a stored image is recorded on this job: written while it is still GENERATING by the
     * instance holding it, so a take-over finishes it READY instead of generating it again.
     */
    public boolean resultRecorded() {
        return imageUrl != null;
    }

    /** READY with its stored image, the lease let go: what the row says once {@code ImageJobService.keepReady} wrote it. */
    public void ready(String url, String key, String byProvider, String byModel, long providerMs, Instant at) {
        imageUrl = url;
        mediaKey = key;
        provider = byProvider;
        model = byModel;
        durationMs = providerMs;
        status = ImageStatus.Status.READY;
        errorCode = null;
        errorMessage = null;
        owner = null;
        leaseUntil = null;
        updatedAt = at;
    }

    /** {@code storyId/scene/attempt}, for logs and in-memory bookkeeping. */
    public String key() {
        return key(storyId.toString(), sceneNumber, attempt);
    }

    public static String key(String storyId, int sceneNumber, int attempt) {
        return storyId + "/" + sceneNumber + "/" + attempt;
    }
}
