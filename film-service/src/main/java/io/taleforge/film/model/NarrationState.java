package io.taleforge.film.model;

/** Where one scene's narration stands: QUEUED → SPEAKING → READY or FAILED (a failed one may be retried). */
public enum NarrationState {
    QUEUED,
    SPEAKING,
    READY,
    FAILED
}
