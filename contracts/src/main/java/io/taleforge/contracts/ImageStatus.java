package io.taleforge.contracts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * image-service → approval-service, gateway, analytics: one step of one image attempt.
 *
 * @param imageUrl where the stored image is served; only on READY
 * @param durationMs provider time of the successful call; only on READY
 * @param error what went wrong on FAILED, or why the attempt was SKIPPED
 * @param costUsd what the attempt's provider calls cost in US dollars (micro-dollar precision), on
 *        READY and FAILED; null on the other steps and in events older than the field
 */
public record ImageStatus(String storyId, int sceneNumber, int attempt, Status status, String imageUrl,
        String provider, String model, Long durationMs, ImageError error, Instant occurredAt, BigDecimal costUsd) {

    /** A step that carries no cost. */
    public ImageStatus(String storyId, int sceneNumber, int attempt, Status status, String imageUrl, String provider,
            String model, Long durationMs, ImageError error, Instant occurredAt) {
        this(storyId, sceneNumber, attempt, status, imageUrl, provider, model, durationMs, error, occurredAt, null);
    }

    public enum Status {
        QUEUED, GENERATING, READY, FAILED, SKIPPED;

        public boolean isFinal() {
            return this == READY || this == FAILED || this == SKIPPED;
        }
    }

    /** A stable machine-readable {@code code} (e.g. {@code content_policy}) and words for people. */
    public record ImageError(String code, String message) {
    }
}
