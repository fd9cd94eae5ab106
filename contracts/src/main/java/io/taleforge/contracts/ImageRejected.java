package io.taleforge.contracts;

/**
 * approval-service → story-service: the reader rejected (or asked to retry) this attempt's
 * image; story-service answers with the next attempt.
 *
 * @param feedback the reader's words, or null for a plain retry
 */
public record ImageRejected(String storyId, int sceneNumber, int attempt, String feedback) {
}
