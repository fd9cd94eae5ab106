package io.taleforge.contracts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * film-service → gateway, analytics: one step of one item of a story's film (a scene's clip, a
 * scene's narration, or the assembled movie), with the film's state as a whole. Per item:
 * QUEUED → RENDERING → READY, or FAILED with the reason (a failed item may be retried: QUEUED
 * again with the next attempt).
 *
 * @param filmState READY only once the FILM item (the assembled movie) is READY; FAILED when
 *        something FAILED and nothing is left to do; else MAKING
 * @param item the clip, narration or movie this step is about
 * @param readyCount clips READY in the film after this step
 * @param narrationReadyCount narrations READY in the film after this step
 * @param total clips in the film (20; as many narrations)
 */
public record FilmStatus(String storyId, FilmState filmState, Item item, int readyCount, int narrationReadyCount,
        int total, Instant occurredAt) {

    /** A step that says nothing of narrations (a clip-only producer): {@code narrationReadyCount} 0. */
    public FilmStatus(String storyId, FilmState filmState, Item item, int readyCount, int total, Instant occurredAt) {
        this(storyId, filmState, item, readyCount, 0, total, occurredAt);
    }

    public enum FilmState {
        MAKING, READY, FAILED
    }

    public enum Kind {
        /** A scene's video clip made from its approved picture. */
        CLIP,
        /** A scene's text read aloud (RENDERING = speaking). */
        NARRATION,
        /**
         * The assembled movie, {@code sceneNumber} 0: QUEUED = waiting for every clip and
         * narration, RENDERING = assembling, READY with the MP4's {@code mediaUrl} and {@code durationMs}.
         */
        FILM
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
     * @param sceneNumber the scene (1..20) of a clip or narration; 0 for the FILM item
     * @param attempt 1 for the first try, +1 per retry
     * @param mediaUrl where the stored clip, narration audio or movie MP4 is served; only on READY
     * @param durationMs the item's length; only on READY
     * @param provider the clip provider ({@code local}, {@code kling}, {@code minimax}) or voice
     *        ({@code local}, {@code openai}); {@code ffmpeg} for the FILM; from RENDERING on
     * @param error why the item FAILED
     * @param costUsd what the attempt of a clip or narration cost (US dollars), on READY and FAILED;
     *        null before, for the FILM, and in events older than the field
     */
    public record Item(Kind kind, int sceneNumber, int attempt, State state, String mediaUrl, Long durationMs,
            String provider, String model, FilmError error, BigDecimal costUsd) {

        /** An item whose cost is not told (not final yet, the FILM, an older producer). */
        public Item(Kind kind, int sceneNumber, int attempt, State state, String mediaUrl, Long durationMs,
                String provider, String model, FilmError error) {
            this(kind, sceneNumber, attempt, state, mediaUrl, durationMs, provider, model, error, null);
        }

        /** This item with what its attempt cost. */
        public Item withCost(BigDecimal cost) {
            return new Item(kind, sceneNumber, attempt, state, mediaUrl, durationMs, provider, model, error, cost);
        }
    }

    /** A stable machine-readable {@code code} (e.g. {@code deadline}, {@code content_policy}) and words for people. */
    public record FilmError(String code, String message) {
    }
}
