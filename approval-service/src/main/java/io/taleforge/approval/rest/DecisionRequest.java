package io.taleforge.approval.rest;

/**
 * The reader's decision on a scene's image.
 *
 * @param action {@code approve} or {@code reject}
 * @param feedback optional words for the next attempt (kept on a rejection)
 */
public record DecisionRequest(String action, String feedback) {
}
