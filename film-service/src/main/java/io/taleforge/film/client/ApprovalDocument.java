package io.taleforge.film.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What approval-service answers for {@code GET /approvals/{storyId}}: every scene's latest attempt. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalDocument(String storyId, List<Scene> scenes, int approvedCount, int total,
        boolean allApproved) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scene(int sceneNumber, Integer attempt, String state, String imageUrl) {
    }
}
