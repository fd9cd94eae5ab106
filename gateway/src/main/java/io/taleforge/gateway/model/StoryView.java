package io.taleforge.gateway.model;

import java.util.List;

/**
 * {@code GET /api/stories/{id}}: the whole current state of a story in one document, for polling
 * clients and page reloads. {@code image} and {@code approval} are null until they exist;
 * {@code film} until the reader asked for the film.
 * {@code lastEventId}: the story's event stream position read before the state was gathered; a
 * client that follows the stream from it ({@code Last-Event-ID}) misses nothing after this
 * snapshot (null when the replay buffer did not answer).
 */
public record StoryView(Story story, List<Scene> scenes, Counts counts, boolean allApproved, String lastEventId,
        Film film) {

    public StoryView(Story story, List<Scene> scenes, Counts counts, boolean allApproved, String lastEventId) {
        this(story, scenes, counts, allApproved, lastEventId, null);
    }

    public StoryView withFilm(Film newFilm) {
        return new StoryView(story, scenes, counts, allApproved, lastEventId, newFilm);
    }

    public record Story(String id, String title, String status, String createdAt) {
    }

    /** {@code earlier}: the scene's earlier attempts, oldest first, each with its outcome, reason and the reader's decision. */
    public record Scene(int number, String stage, String text, String prompt, Image image, Approval approval,
            List<Attempt> earlier) {
    }

    /**
     * An earlier attempt of a scene's picture: its image's outcome (with the failure reason) and
     * the reader's last decision on it (APPROVED, REJECTED, RETRY_REQUESTED, or null) with the note.
     */
    public record Attempt(int attempt, String status, String url, Error error, String decision, String feedback) {
    }

    /** One attempt's image of a scene (the latest one in {@code image}). */
    public record Image(int attempt, String status, String url, Error error) {
    }

    public record Error(String code, String message) {
    }

    /** The latest attempt's approval state of a scene (WAITING, PENDING, APPROVED, REJECTED, FAILED). */
    public record Approval(int attempt, String state, String feedback) {
    }

    /** {@code ready}: latest image READY; {@code approved}: latest attempt approved; {@code failed}: latest image FAILED. */
    public record Counts(int ready, int approved, int failed, int total) {
    }

    /** The film: MAKING, READY or FAILED (some clip failed), with one clip per scene. */
    public record Film(String state, int readyCount, int failedCount, int total, List<Clip> clips) {
    }

    /** One scene's clip: QUEUED, RENDERING, READY (with its {@code url}) or FAILED (with its {@code error}). */
    public record Clip(int number, int attempt, String state, String url, Long durationMs, String provider,
            String model, Error error) {
    }
}
