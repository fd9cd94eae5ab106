package io.taleforge.approval.rest;

import java.util.List;

/** Every picture of a story (the portrait 0, then scenes 1..total) with its latest attempt's approval state, and the counts. */
public record StoryApprovalsView(String storyId, List<SceneView> scenes, int approvedCount, int total,
        boolean allApproved) {
}
