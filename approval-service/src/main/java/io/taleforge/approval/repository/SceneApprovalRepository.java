package io.taleforge.approval.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.approval.model.SceneApproval;
import io.taleforge.approval.model.SceneState;
import io.taleforge.contracts.Pictures;

@ApplicationScoped
public class SceneApprovalRepository implements PanacheRepositoryBase<SceneApproval, SceneApproval.Key> {

    public Optional<SceneApproval> find(UUID storyId, int sceneNumber) {
        return findByIdOptional(new SceneApproval.Key(storyId, sceneNumber));
    }

    public List<SceneApproval> ofStory(UUID storyId) {
        return list("key.storyId = ?1 order by key.sceneNumber", storyId);
    }

    /** Scenes (not the portrait, picture 0) whose latest attempt is approved. */
    public int countApproved(UUID storyId) {
        return (int) count("key.storyId = ?1 and key.sceneNumber > ?2 and state = ?3", storyId, Pictures.PORTRAIT,
                SceneState.APPROVED);
    }
}
