package io.taleforge.gateway.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** {@code POST /api/stories/{id}/scenes/{n}/approval}: approve, or reject with an optional note. */
public record DecisionRequest(
        @NotNull(message = "must be 'approve' or 'reject'") @Pattern(regexp = "approve|reject",
                message = "must be 'approve' or 'reject'")
        @Schema(enumeration = { "approve", "reject" }) String action,
        @Inputs.WellFormed @JsonDeserialize(using = StrictText.class)
        @Schema(nullable = true, description = "on a rejection: what to change in the next picture") String feedback) {
}
