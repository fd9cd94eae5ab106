package io.taleforge.film.provider;

import java.util.UUID;

/**
 * One clip to make: the scene's approved picture and the motion prompt.
 *
 * @param attempt the clip's attempt (1 for the first), so a retried clip has a task of its own
 */
public record ClipRequest(UUID storyId, int sceneNumber, int attempt, Picture picture, String prompt) {

    /** {@code <storyId>-s<nn>-a<attempt>}: the provider's external task id where it takes one. */
    public String externalId() {
        return "%s-s%02d-a%d".formatted(storyId, sceneNumber, attempt);
    }
}
