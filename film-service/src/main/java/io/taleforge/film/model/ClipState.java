package io.taleforge.film.model;

/** Where one clip stands: QUEUED → RENDERING → READY or FAILED (a failed clip may be retried). */
public enum ClipState {
    QUEUED,
    RENDERING,
    READY,
    FAILED
}
