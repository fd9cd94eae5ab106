package io.taleforge.film.voice;

import java.util.UUID;

/** One scene's text to read aloud; story, scene and attempt name the journal rows of its calls. */
public record SpeechRequest(UUID storyId, int sceneNumber, int attempt, String text) {
}
