package io.taleforge.film.model;

/** Where a film stands as a whole: MAKING while a clip is QUEUED or RENDERING, else READY or FAILED. */
public enum FilmState {
    MAKING,
    READY,
    FAILED
}
