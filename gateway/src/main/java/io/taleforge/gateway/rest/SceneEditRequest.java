package io.taleforge.gateway.rest;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** {@code PUT /api/stories/{id}/scenes/{n}}: the scene's new text (its length is story-service's rule). */
public record SceneEditRequest(
        @NotNull(message = "must be the scene's text") @Inputs.WellFormed
        @JsonDeserialize(using = StrictText.class) String text) {
}
