package io.taleforge.gateway.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** {@code POST /api/stories/{id}/scenes/{n}/approval}: approve, or reject with an optional note. */
public record DecisionRequest(
        @NotNull(message = "must be 'approve' or 'reject'") @Pattern(regexp = "approve|reject",
                message = "must be 'approve' or 'reject'") String action,
        @JsonDeserialize(using = StrictText.class) String feedback) {
}
