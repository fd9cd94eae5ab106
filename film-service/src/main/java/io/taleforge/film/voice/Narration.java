package io.taleforge.film.voice;

/**
 * A narration spoken by a voice: its audio bytes, their content type and the measured length.
 *
 * @param durationMs measured with ffprobe on the bytes, never estimated from the text
 */
public record Narration(byte[] audio, String contentType, long durationMs) {
}
