package io.taleforge.contracts;

import java.time.Instant;

/**
 * film-service → gateway, analytics: one step of one clip of a story's film, with the film's
 * state as a whole. Per clip: QUEUED → RENDERING → READY, or FAILED with the reason (a failed
 * clip may be retried: QUEUED again with the next attempt).
 *
 * @param filmState MAKING while a clip is QUEUED or RENDERING, else READY (all 20) or FAILED (some failed)
 * @param item the clip this step is about
 * @param readyCount clips READY in the film after this step
 * @param total clips in the film (20)
 */
public record FilmStatus(String storyId, FilmState filmState, Item item, int readyCount, int total,
        Instant occurredAt) {

    public enum FilmState {
        MAKING, READY, FAILED
    }

    public enum Kind {
        /** A scene's video clip made from its approved picture. */
        CLIP
    }

    public enum State {
        QUEUED, RENDERING, READY, FAILED;

        public boolean isFinal() {
            return this == READY || this == FAILED;
        }
    }

    /**
     * One item of the film.
     *
     * @param attempt 1 for the first try, +1 per retry
     * @param mediaUrl where the stored clip is served; only on READY
     * @param durationMs the clip's length; only on READY
     * @param provider the clip provider ({@code local}, {@code kling}, {@code minimax}); from RENDERING on
     * @param error why the clip FAILED
     */
    public record Item(Kind kind, int sceneNumber, int attempt, State state, String mediaUrl, Long durationMs,
            String provider, String model, FilmError error) {
    }

    /** A stable machine-readable {@code code} (e.g. {@code deadline}, {@code content_policy}) and words for people. */
    public record FilmError(String code, String message) {
    }
}
