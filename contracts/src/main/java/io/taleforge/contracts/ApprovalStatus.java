package io.taleforge.contracts;

/**
 * approval-service → gateway, analytics: the approval state of one scene's attempt changed.
 *
 * @param approvedCount scenes whose latest attempt is approved
 * @param total scenes in the story (20)
 * @param allApproved true exactly once per story, when every latest attempt is approved
 */
public record ApprovalStatus(String storyId, int sceneNumber, int attempt, Decision decision,
        int approvedCount, int total, boolean allApproved) {

    public enum Decision {
        PENDING, APPROVED, REJECTED, FAILED
    }
}
