package io.taleforge.gateway.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What approval-service answers for {@code GET /approvals/{storyId}/history}: every decision, in order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalHistory(String storyId, List<Decision> decisions) {

    public static ApprovalHistory none(String storyId) {
        return new ApprovalHistory(storyId, List.of());
    }

    /** {@code decision}: APPROVED, REJECTED or RETRY_REQUESTED; {@code note}: the reader's note on a rejection. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decision(int sceneNumber, int attempt, String decision, String note, String decidedAt) {
    }
}
