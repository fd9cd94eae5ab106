package io.taleforge.film.rest;

import java.util.List;

/**
 * A film as film-service's REST API answers it.
 *
 * @param state MAKING while anything is queued or working or the movie is not READY; READY when the
 *        movie is READY; FAILED when something FAILED and nothing is left to do
 * @param readyCount clips READY
 * @param failedCount clips FAILED
 * @param narrationReadyCount narrations READY
 */
public record FilmView(String storyId, String state, int readyCount, int failedCount, int total,
        List<ClipView> clips, List<NarrationView> narrations, int narrationReadyCount, MovieView movie) {

    /**
     * One scene's clip.
     *
     * @param attempt the attempt this state belongs to (a QUEUED clip: the attempt about to start)
     * @param error why the clip FAILED; null otherwise
     */
    public record ClipView(int sceneNumber, int attempt, String state, String mediaUrl, Long durationMs,
            String provider, String model, Error error) {
    }

    /**
     * One scene's narration.
     *
     * @param state QUEUED, SPEAKING, READY or FAILED
     * @param mediaUrl the stored audio; only when READY
     * @param durationMs the audio's measured length; only when READY
     * @param error why the narration FAILED; null otherwise
     */
    public record NarrationView(int sceneNumber, int attempt, String state, String mediaUrl, Long durationMs,
            String provider, String model, Error error) {
    }

    /**
     * The assembled movie.
     *
     * @param state WAITING (clips or narrations not all READY), ASSEMBLING, READY or FAILED
     * @param mediaUrl the MP4; only when READY
     * @param subtitlesVttUrl the WebVTT track; only when READY
     * @param subtitlesSrtUrl the SRT file; only when READY
     * @param durationMs the MP4's length; only when READY
     * @param sizeBytes the MP4's size; only when READY
     * @param error why the assembly FAILED; null otherwise
     */
    public record MovieView(String state, int attempt, String mediaUrl, String subtitlesVttUrl, String subtitlesSrtUrl,
            Long durationMs, Long sizeBytes, Error error) {
    }

    public record Error(String code, String message) {
    }
}
