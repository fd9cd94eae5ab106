package io.taleforge.contracts;

import java.time.Instant;

/**
 * image-service → approval-service, gateway, analytics: one step of one image attempt.
 *
 * @param imageUrl where the stored image is served; only on READY
 * @param durationMs provider time of the successful call; only on READY
 * @param error what went wrong on FAILED, or why the attempt was SKIPPED
 */
public record ImageStatus(String storyId, int sceneNumber, int attempt, Status status, String imageUrl,
        String provider, String model, Long durationMs, ImageError error, Instant occurredAt) {

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
