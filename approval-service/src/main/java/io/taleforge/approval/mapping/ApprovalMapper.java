package io.taleforge.approval.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.taleforge.approval.model.SceneApproval;
import io.taleforge.approval.model.SceneState;
import io.taleforge.approval.rest.SceneView;
import io.taleforge.approval.rest.StoryApprovalsView;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.Pictures;

/** Turns approval entities into REST views and events. */
public final class ApprovalMapper {

    private ApprovalMapper() {
    }

    public static SceneView toView(SceneApproval scene) {
        SceneView.Error error = scene.errorCode == null && scene.errorMessage == null ? null
                : new SceneView.Error(scene.errorCode, scene.errorMessage);
        return new SceneView(scene.sceneNumber(), scene.attempt, scene.state.name(), scene.imageUrl, error,
                scene.feedback);
    }

    /**
     * The hero's portrait (picture 0) first, then every scene 1..total; a picture with no image
     * status yet is WAITING with no attempt. The counts are the scenes'.
     */
    public static StoryApprovalsView toView(UUID storyId, List<SceneApproval> scenes, int total) {
        Map<Integer, SceneApproval> byNumber = scenes.stream()
                .collect(Collectors.toMap(SceneApproval::sceneNumber, Function.identity()));
        List<SceneView> views = new ArrayList<>(total + 1);
        int approved = 0;
        for (int n = Pictures.PORTRAIT; n <= total; n++) {
            SceneApproval scene = byNumber.get(n);
            if (scene == null) {
                views.add(new SceneView(n, null, SceneState.WAITING.name(), null, null, null));
            } else {
                views.add(toView(scene));
                approved += n != Pictures.PORTRAIT && scene.state == SceneState.APPROVED ? 1 : 0;
            }
        }
        return new StoryApprovalsView(storyId.toString(), views, approved, total, approved == total);
    }

    public static ApprovalStatus toEvent(SceneApproval scene, int approvedCount, int total, boolean allApproved) {
        return new ApprovalStatus(scene.storyId().toString(), scene.sceneNumber(), scene.attempt,
                scene.state.decision(), approvedCount, total, allApproved, scene.imageUrl);
    }
}
