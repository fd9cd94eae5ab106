package io.taleforge.gateway.model;

import java.util.List;
import java.util.Map;

/**
 * {@code story.json} of the export ({@code GET /api/stories/{id}/export}): everything the system
 * knows about a story, gathered from the services that own it. Its JSON Schema is
 * {@code story.schema.json}, shipped in the same ZIP.
 *
 * @param answers the quiz answers as story-service validated them
 */
public record StoryRecord(int schemaVersion, String exportedAt, Story story, Map<String, Object> answers,
        List<Scene> scenes) {

    public static final int SCHEMA_VERSION = 1;

    public record Story(String id, String title, String status, String createdAt, Book.Hero hero) {
    }

    /**
     * One scene.
     *
     * @param writtenText the text as the writer wrote it
     * @param text the text as it stands after the reader's edits
     * @param approvedImage the ZIP entry of the approved picture, or null while none is approved
     */
    public record Scene(int number, String stage, String writtenText, String text, boolean edited,
            Integer approvedAttempt, String approvedImage, List<Attempt> attempts) {
    }

    /**
     * One attempt at a scene's picture (image-service's job) with the reader's decision on it
     * (approval-service's history): APPROVED, REJECTED, RETRY_REQUESTED, PENDING (waiting for the
     * reader) or null (no decision possible yet, or never made).
     */
    public record Attempt(int attempt, String status, String prompt, String decision, String note, String decidedAt,
            String imageUrl, String provider, String model, Long durationMs, StoryView.Error error) {
    }
}
