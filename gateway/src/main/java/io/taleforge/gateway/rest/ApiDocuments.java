package io.taleforge.gateway.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bodies the public API answers with, as typed records, so the OpenAPI document says what a
 * client really gets (a service's answer is read into them; unknown fields are dropped, nulls kept).
 * The state document is {@link io.taleforge.gateway.model.StoryView}.
 */
public final class ApiDocuments {

    private ApiDocuments() {
    }

    /** A service's answer read as the public record {@code type}. */
    static <T> T read(ObjectMapper json, JsonNode answer, Class<T> type) {
        try {
            return json.treeToValue(answer, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a service answered a " + type.getSimpleName() + " of another shape", e);
        }
    }

    @Schema(name = "Quiz", description = "The quiz: questions in the order they are asked")
    public record Quiz(List<Question> questions) {
    }

    @Schema(name = "QuizQuestion", description = "One question; its id is the key of its answer in `answers`")
    public record Question(String id, String text,
            @Schema(enumeration = { "choice", "text" }) String kind,
            boolean required,
            @Schema(description = "the choices (empty for free text)") List<Option> options,
            @Schema(nullable = true, description = "the longest answer in characters (null for a choice)") Integer maxLength,
            @Schema(nullable = true, description = "asked only when an earlier answer equals a value") ShowIf showIf) {
    }

    @Schema(name = "QuizOption")
    public record Option(@Schema(description = "the answer to send") String value, String label) {
    }

    @Schema(name = "QuizShowIf")
    public record ShowIf(String questionId, @Schema(description = "the answer that makes the question asked") String equals) {
    }

    @Schema(name = "Hero")
    public record Hero(String species, String name, String trait) {
    }

    @Schema(name = "SceneText", description = "A scene of the story as written (and edited), or the hero's portrait"
            + " (number 0, stage portrait)")
    public record Scene(
            @Schema(minimum = "0", maximum = "20") int number,
            String stage,
            String text,
            @Schema(nullable = true, description = "the image prompt, once the scenes are approved") String prompt,
            @Schema(nullable = true, description = "the prompt's attempt, once the scenes are approved") Integer attempt,
            @Schema(description = "true when the writer failed and this is a marked placeholder") boolean placeholder) {
    }

    @Schema(name = "Story", description = "A story with its 20 scenes")
    public record Story(UUID id, String title,
            @Schema(description = "WRITING, DRAFTED, SCENES_APPROVED, REGENERATING") String status,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time", nullable = true) String updatedAt,
            @Schema(nullable = true) Hero hero,
            @Schema(nullable = true) String characterSheet,
            @Schema(nullable = true) String style,
            List<Scene> scenes,
            @Schema(nullable = true, description = "the hero's portrait, picture 0, drawn first once the scenes are"
                    + " approved; its approval starts the 20 scenes' pictures") Scene portrait,
            @Schema(nullable = true, description = "while WRITING and waiting for a writer: its place in the queue"
                    + " (1: next)") Integer place,
            @Schema(nullable = true, description = "why marked placeholders remain when the writing ended short")
            String writingNote) {
    }

    @Schema(name = "StorySummary", description = "A story in the list (without its scenes)")
    public record StorySummary(UUID id, String title, String status,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time", nullable = true) String updatedAt,
            @Schema(nullable = true) Hero hero,
            @Schema(nullable = true) String characterSheet,
            @Schema(nullable = true) String style,
            @Schema(description = "past its scene texts: whether all 20 pictures are approved; absent when "
                    + "approval-service did not answer") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean allApproved,
            @Schema(description = "past its scene texts: what it has spent so far in US dollars; absent when "
                    + "story-service's budget did not answer") @JsonInclude(JsonInclude.Include.NON_NULL)
            BigDecimal spentUsd,
            @Schema(description = "what is left under the story's cap in US dollars; absent when no cap is set")
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal storyLeftUsd) {
    }

    @Schema(name = "Budget", description = "A story's money in US dollars: what approving its scenes reserves (the"
            + " writer, the portrait, the 20 pictures), one more picture, what the story holds (reservations and"
            + " costs), what it has spent and what is left under its cap")
    public record Budget(BigDecimal approvalEstimateUsd, BigDecimal pictureEstimateUsd, BigDecimal committedUsd,
            BigDecimal spentUsd,
            @Schema(nullable = true, description = "what is left under the story's cap; null when no cap is set")
            BigDecimal storyLeftUsd) {
    }

    @Schema(name = "StoryPage", description = "A page of the caller's stories, newest first")
    public record StoryPage(List<StorySummary> items,
            @Schema(nullable = true, description = "pass as `after` for the next page; null on the last") UUID next) {
    }

    @Schema(name = "SceneApproval", description = "The approval state of a picture's latest attempt (0: the hero's"
            + " portrait)")
    public record SceneApproval(
            @Schema(minimum = "0", maximum = "20") int sceneNumber,
            @Schema(nullable = true, description = "null while no image of the scene exists") Integer attempt,
            @Schema(enumeration = { "WAITING", "PENDING", "APPROVED", "REJECTED", "FAILED" }) String state,
            @Schema(nullable = true) String imageUrl,
            @Schema(nullable = true, description = "why the image failed, on FAILED") Failure error,
            @Schema(nullable = true, description = "the reader's words on a rejection") String feedback) {
    }

    @Schema(name = "Failure")
    public record Failure(String code, String message) {
    }

    @Schema(name = "SceneApprovals", description = "The scenes a bulk action changed")
    public record Bulk(UUID storyId, List<SceneApproval> scenes) {
    }
}
