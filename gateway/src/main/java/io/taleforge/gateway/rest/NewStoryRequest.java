package io.taleforge.gateway.rest;

import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code POST /api/stories}: the quiz answers by question id, each a JSON string (which answers and
 * how long is story-service's to judge; a lone UTF-16 surrogate is refused here, naming the answer).
 */
public record NewStoryRequest(
        @NotNull(message = "must be an object of the quiz answers")
        @Inputs.WellFormed
        @JsonDeserialize(contentUsing = StrictText.class)
        @Schema(description = "the answer to each question by its id (see GET /api/quiz)", example = "{\"species\":\"fox\"}")
        Map<String, String> answers) {
}
