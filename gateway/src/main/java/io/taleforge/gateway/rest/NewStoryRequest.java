package io.taleforge.gateway.rest;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code POST /api/stories}: the quiz answers (their content is story-service's to judge). */
public record NewStoryRequest(@NotNull(message = "must be an object of the quiz answers") ObjectNode answers) {
}
