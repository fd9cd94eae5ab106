package io.taleforge.story.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.taleforge.contracts.StoryStatus;

/** The JSON shapes of the story API (the internal REST contract). */
public final class StoryViews {

    private StoryViews() {
    }

    /** The quiz answers by question id; what each answer may be is the quiz's to say (service.QuizService). */
    public record CreateStoryRequest(@NotNull(message = "is required") Map<String, Object> answers) {
    }

    /** A scene's new text: a JSON string with some non-blank character, no control characters but line breaks and tabs. */
    public record EditSceneRequest(
            @NotNull(message = "is required")
            @Pattern(regexp = "(?U)(?s).*\\S.*", message = "must not be blank")
            @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*",
                    message = "must not contain control characters")
            @SceneTextLength
            @JsonDeserialize(using = JsonText.class) String text) {
    }

    public record Hero(String species, String name, String trait) {
    }

    /**
     * A scene: {@code text} as it stands (edited or not), {@code writtenText} as the writer wrote it;
     * {@code refusal} when its latest attempt was rejected but not redrawn for the budget (else null).
     */
    public record SceneView(int number, String stage, String text, String prompt, Integer attempt,
            boolean placeholder, String writtenText, StoryStatus.Refusal refusal) {
    }

    /**
     * A whole story, with the validated quiz answers it was written from; {@code portrait} is the
     * hero's portrait (picture 0, stage {@code portrait}) from the scenes' approval on, and
     * {@code portraitUrl} its approved image, the reference of every scene's picture. While the story
     * is {@code WRITING}, {@code scenes} are those written so far and {@code place} its place among the
     * stories waiting for a writer (null once its writing started); {@code writingNote} says why
     * placeholders remain when the writing ended short.
     */
    public record StoryView(UUID id, String title, String status, Instant createdAt, Instant updatedAt, Hero hero,
            String characterSheet, String style, List<SceneView> scenes, Map<String, Object> answers,
            SceneView portrait, String portraitUrl, Integer place, String writingNote) {
    }

    public record StorySummary(UUID id, String title, String status, Instant createdAt, Instant updatedAt, Hero hero,
            String characterSheet, String style) {
    }

    public record StoryPage(List<StorySummary> items, UUID next) {
    }
}
