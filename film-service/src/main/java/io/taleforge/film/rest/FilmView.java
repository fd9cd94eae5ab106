package io.taleforge.film.rest;

import java.util.List;

/**
 * A film as film-service's REST API answers it.
 *
 * @param state MAKING while a clip is QUEUED or RENDERING, else READY (all clips) or FAILED (some failed)
 */
public record FilmView(String storyId, String state, int readyCount, int failedCount, int total,
        List<ClipView> clips) {

    /**
     * One scene's clip.
     *
     * @param attempt the attempt this state belongs to (a QUEUED clip: the attempt about to start)
     * @param error why the clip FAILED; null otherwise
     */
    public record ClipView(int sceneNumber, int attempt, String state, String mediaUrl, Long durationMs,
            String provider, String model, Error error) {
    }

    public record Error(String code, String message) {
    }
}
