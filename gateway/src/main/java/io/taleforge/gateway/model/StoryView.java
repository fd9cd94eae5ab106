package io.taleforge.gateway.model;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /api/stories/{id}}: the whole current state of a story in one document, for polling
 * clients and page reloads. {@code scenes}: the hero's portrait (picture 0) first once the scenes
 * are approved, then the 20 scenes. {@code image} and {@code approval} are null until they exist;
 * {@code film} until the reader asked for the film.
 * {@code lastEventId}: the story's event stream position read before the state was gathered; a
 * client that follows the stream from it ({@code Last-Event-ID}) misses nothing after this
 * snapshot (null when the replay buffer did not answer).
 */
@Schema(name = "StoryState")
public record StoryView(Story story, List<Scene> scenes, Counts counts, boolean allApproved,
        @Schema(nullable = true, description = "the stream position of this snapshot; null when Redis did not answer")
        String lastEventId,
        @Schema(nullable = true, description = "null until the reader asked for the film") Film film) {

    public StoryView(Story story, List<Scene> scenes, Counts counts, boolean allApproved, String lastEventId) {
        this(story, scenes, counts, allApproved, lastEventId, null);
    }

    public StoryView withFilm(Film newFilm) {
        return new StoryView(story, scenes, counts, allApproved, lastEventId, newFilm);
    }

    /** {@code heroName}: the hero's name ("Meet <name>" on the portrait). */
    @Schema(name = "StoryHead")
    public record Story(@Schema(format = "uuid") String id, String title, String status,
            @Schema(format = "date-time") String createdAt, @Schema(nullable = true) String heroName,
            @Schema(nullable = true, description = "while WRITING and waiting for a writer: its place (1: next)")
            Integer place,
            @Schema(nullable = true, description = "why marked placeholders remain when the writing ended short")
            String writingNote) {
    }

    /**
     * A picture of the story: the hero's portrait (number 0, stage {@code portrait}, listed first
     * once the scenes are approved) or a scene. {@code earlier}: its earlier attempts, oldest
     * first, each with its outcome, reason and the reader's decision. {@code placeholder}: a marked
     * placeholder the writer left, with {@code note} saying why (the story's writing note), as
     * the {@code scene} event of the stream said it, so a reload shows the same. {@code refusal}: the latest
     * attempt was rejected but not redrawn because the next one did not fit the budget.
     */
    @Schema(name = "SceneState")
    public record Scene(@Schema(minimum = "0", maximum = "20") int number, String stage, String text,
            @Schema(nullable = true) String prompt,
            @Schema(nullable = true, description = "the latest attempt's image; null before the first") Image image,
            @Schema(nullable = true, description = "null until approval-service knows the scene") Approval approval,
            List<Attempt> earlier,
            @Schema(description = "true when the writer failed and this is a marked placeholder") boolean placeholder,
            @Schema(nullable = true, description = "why this scene is a placeholder; null otherwise") String note,
            @Schema(nullable = true, description = "why the rejected latest attempt was not redrawn (the budget); null otherwise")
            Refusal refusal) {

        public Scene(int number, String stage, String text, String prompt, Image image, Approval approval,
                List<Attempt> earlier) {
            this(number, stage, text, prompt, image, approval, earlier, false, null, null);
        }
    }

    /**
     * A rejected attempt not redrawn: the limit that refused the next one ({@code story-cap} or
     * {@code daily-budget}), its estimate and what was left, in US dollars.
     */
    @Schema(name = "Refusal")
    public record Refusal(@Schema(minimum = "1") int attempt,
            @Schema(enumeration = { "story-cap", "daily-budget" }) String limit,
            BigDecimal estimateUsd, BigDecimal leftUsd) {
    }

    /**
     * An earlier attempt of a scene's picture: its image's outcome (with the failure reason) and
     * the reader's last decision on it (APPROVED, REJECTED, RETRY_REQUESTED, or null) with the note.
     */
    @Schema(name = "EarlierAttempt")
    public record Attempt(@Schema(minimum = "1") int attempt, String status,
            @Schema(nullable = true) String url, @Schema(nullable = true) Error error,
            @Schema(nullable = true, enumeration = {"APPROVED", "REJECTED", "RETRY_REQUESTED"}) String decision,
            @Schema(nullable = true) String feedback) {
    }

    /** One attempt's image of a scene (the latest one in {@code image}). */
    @Schema(name = "ImageState")
    public record Image(int attempt, String status, @Schema(nullable = true) String url,
            @Schema(nullable = true) Error error) {
    }

    @Schema(name = "StateError")
    public record Error(String code, String message) {
    }

    /** The latest attempt's approval state of a scene (WAITING, PENDING, APPROVED, REJECTED, FAILED). */
    @Schema(name = "ApprovalState")
    public record Approval(int attempt, String state, @Schema(nullable = true) String feedback) {
    }

    /**
     * Of the 20 scenes (the portrait is not counted): {@code ready}: latest image READY;
     * {@code approved}: latest attempt approved; {@code failed}: latest image FAILED.
     */
    @Schema(name = "Counts")
    public record Counts(int ready, int approved, int failed, int total) {
    }

    /**
     * The film: MAKING while anything is queued or working or the movie is not READY, READY once the
     * movie is, FAILED when something failed and nothing is left to do; one clip and one narration
     * per scene, and the assembled movie.
     */
    @Schema(name = "Film")
    public record Film(@Schema(enumeration = { "MAKING", "READY", "FAILED" }) String state, int readyCount,
            int failedCount, int total, List<Clip> clips, List<Narration> narrations,
            @Schema(description = "narrations READY") int narrationReadyCount,
            @Schema(nullable = true, description = "null from a film-service that makes no movie") Movie movie) {
    }

    /** One scene's clip: QUEUED, RENDERING, READY (with its {@code url}) or FAILED (with its {@code error}). */
    @Schema(name = "Clip")
    public record Clip(int number, int attempt,
            @Schema(enumeration = { "QUEUED", "RENDERING", "READY", "FAILED" }) String state,
            @Schema(nullable = true) String url, @Schema(nullable = true) Long durationMs,
            @Schema(nullable = true) String provider, @Schema(nullable = true) String model,
            @Schema(nullable = true) Error error) {
    }

    /** One scene's text read aloud: QUEUED, SPEAKING, READY (with its audio {@code url} and measured length) or FAILED. */
    @Schema(name = "Narration")
    public record Narration(int number, int attempt,
            @Schema(enumeration = { "QUEUED", "SPEAKING", "READY", "FAILED" }) String state,
            @Schema(nullable = true) String url, @Schema(nullable = true) Long durationMs,
            @Schema(nullable = true) String provider, @Schema(nullable = true) String model,
            @Schema(nullable = true) Error error) {
    }

    /**
     * The assembled movie: WAITING (for every clip and narration), ASSEMBLING, READY (the MP4 and
     * its subtitles, as media-store URLs; the owner downloads them at {@code /api/stories/{id}/film/…})
     * or FAILED (with why).
     */
    @Schema(name = "Movie")
    public record Movie(@Schema(enumeration = { "WAITING", "ASSEMBLING", "READY", "FAILED" }) String state, int attempt,
            @Schema(nullable = true, description = "the MP4 (H.264 + AAC, soft subtitles)") String url,
            @Schema(nullable = true, description = "the WebVTT subtitles") String subtitlesVttUrl,
            @Schema(nullable = true, description = "the SRT subtitles") String subtitlesSrtUrl,
            @Schema(nullable = true) Long durationMs, @Schema(nullable = true) Long sizeBytes,
            @Schema(nullable = true) Error error) {
    }
}
