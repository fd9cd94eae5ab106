package io.taleforge.film.model;

/**
 * Where the assembled movie stands: WAITING until every clip and narration is READY, then
 * ASSEMBLING, then READY or FAILED (a failed assembly may be asked for again).
 */
public enum MovieState {
    WAITING,
    ASSEMBLING,
    READY,
    FAILED
}
