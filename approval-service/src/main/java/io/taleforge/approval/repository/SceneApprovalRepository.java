package io.taleforge.approval.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.approval.model.SceneApproval;
import io.taleforge.approval.model.SceneState;

@ApplicationScoped
public class SceneApprovalRepository implements PanacheRepositoryBase<SceneApproval, SceneApproval.Key> {

    public Optional<SceneApproval> find(UUID storyId, int sceneNumber) {
        return findByIdOptional(new SceneApproval.Key(storyId, sceneNumber));
    }

    public List<SceneApproval> ofStory(UUID storyId) {
        return list("key.storyId = ?1 order by key.sceneNumber", storyId);
    }

    public int countApproved(UUID storyId) {
        return (int) count("key.storyId = ?1 and state = ?2", storyId, SceneState.APPROVED);
    }
}
