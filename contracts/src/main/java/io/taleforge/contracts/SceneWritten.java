package io.taleforge.contracts;

import java.time.Instant;

/**
 * story-service → gateway: one scene of a story being written is stored, the moment its text is
 * complete (a marked placeholder when the writer gave none, with the reason).
 *
 * @param placeholder true when this is a marked stand-in the reader has to replace
 * @param reason why the scene is a placeholder; null otherwise
 */
public record SceneWritten(String storyId, int sceneNumber, String stage, String text, boolean placeholder,
        String reason, Instant writtenAt) {
}
