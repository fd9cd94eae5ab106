package io.taleforge.film.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A film and its clips as the API shows them; a FAILED clip always says why. */
public record FilmView(UUID storyId, String state, int ready, int failed, int total, List<ClipView> clips) {

    public record ClipView(int sceneNumber, String state, int attempts, String provider, String model,
            String taskId, String providerStatus, String mediaUrl, Long durationMs, String errorCode,
            String errorMessage, Instant updatedAt) {
    }
}
