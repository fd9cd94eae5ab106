package io.taleforge.film.provider;

/** A finished clip's bytes (video/mp4), ready for our media store. */
public record ClipVideo(byte[] bytes, String contentType) {
}
