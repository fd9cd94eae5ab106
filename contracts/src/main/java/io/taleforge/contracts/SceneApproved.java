package io.taleforge.contracts;

import java.time.Instant;

/**
 * story-service → image-service: generate the image of one scene's attempt.
 *
 * @param prompt the standardized, sanitized visual prompt (character sheet and style included)
 * @param style the story's style line, also carried on its own for providers that take it apart
 * @param size requested image size, e.g. {@code 1024x1024}
 */
public record SceneApproved(String storyId, int sceneNumber, int attempt, String prompt, String style,
        String size, Instant requestedAt) {
}
