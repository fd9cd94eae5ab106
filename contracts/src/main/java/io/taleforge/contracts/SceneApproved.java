package io.taleforge.contracts;

import java.time.Instant;

/**
 * story-service → image-service: generate the image of one picture's attempt (scene 0 is the
 * hero's portrait, see {@link Pictures}).
 *
 * @param prompt the standardized, sanitized visual prompt (character sheet and style included)
 * @param style the story's style line, also carried on its own for providers that take it apart
 * @param size requested image size, e.g. {@code 1024x1024}
 * @param referenceUrl the approved portrait's image URL, the reference of a scene's picture; null
 *        for the portrait itself
 */
public record SceneApproved(String storyId, int sceneNumber, int attempt, String prompt, String style,
        String size, Instant requestedAt, String referenceUrl) {

    /** A picture drawn without a reference. */
    public SceneApproved(String storyId, int sceneNumber, int attempt, String prompt, String style, String size,
            Instant requestedAt) {
        this(storyId, sceneNumber, attempt, prompt, style, size, requestedAt, null);
    }

    /**
     * The Kafka key of a picture's records, {@code <storyId>/<sceneNumber>}: a story's pictures
     * are independent work. The outbox places scene-approved round-robin over the partitions
     * (service-data SpreadPartitioner), not by this key, so every image worker gets its share;
     * each attempt is its own job, so the attempts of one picture need no common partition.
     */
    public static String key(String storyId, int sceneNumber) {
        return storyId + "/" + sceneNumber;
    }
}
