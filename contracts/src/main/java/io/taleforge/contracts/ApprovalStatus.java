package io.taleforge.contracts;

/**
 * approval-service → gateway, story-service, analytics: the approval state of one picture's
 * attempt changed (scene 0 is the hero's portrait, see {@link Pictures}).
 *
 * @param approvedCount scenes (1..20) whose latest attempt is approved
 * @param total scenes in the story (20)
 * @param allApproved true exactly once per story, when every latest attempt is approved
 * @param imageUrl the attempt's image, when it has one (story-service takes the approved
 *        portrait's as the reference of every scene)
 */
public record ApprovalStatus(String storyId, int sceneNumber, int attempt, Decision decision,
        int approvedCount, int total, boolean allApproved, String imageUrl) {

    /** A status that names no image. */
    public ApprovalStatus(String storyId, int sceneNumber, int attempt, Decision decision, int approvedCount,
            int total, boolean allApproved) {
        this(storyId, sceneNumber, attempt, decision, approvedCount, total, allApproved, null);
    }

    public enum Decision {
        PENDING, APPROVED, REJECTED, FAILED
    }
}
