package io.taleforge.contracts;

import java.time.Instant;

/**
 * film-service → film-service (consumer group {@code film-workers}, which scales on its lag):
 * make the clip of one scene's attempt from its approved picture. Written to film-service's
 * outbox in the transaction that queued the clip.
 *
 * @param imageUrl the approved picture, as approval-service reported it (absolute, or {@code /media/...})
 */
public record ClipRequested(String storyId, int sceneNumber, int attempt, String imageUrl, Instant requestedAt) {
}
