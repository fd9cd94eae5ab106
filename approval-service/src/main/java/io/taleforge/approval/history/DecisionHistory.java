package io.taleforge.approval.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.logging.Log;
import io.taleforge.approval.model.SceneApproval;
import io.taleforge.approval.repository.StoryApprovalRepository;
import io.taleforge.approval.service.NotFound;

/**
 * The decision history: every decision the reader made, in the order made. {@code ApprovalService}
 * records each one in the transaction of the decision itself, so the history and the state never
 * disagree; the state keeps only the latest attempt, the history keeps them all.
 */
@ApplicationScoped
public class DecisionHistory implements PanacheRepositoryBase<Decision, Long> {

    private final StoryApprovalRepository stories;

    public DecisionHistory(StoryApprovalRepository stories) {
        this.stories = stories;
    }

    /** Records a decision on the scene's current attempt; joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(SceneApproval scene, Decision.Kind kind, String note, Instant at) {
        persist(Decision.of(scene.storyId(), scene.sceneNumber(), scene.attempt, kind, note, at));
        Log.debugf("decision recorded storyId=%s scene=%d attempt=%d decision=%s",
                scene.storyId(), scene.sceneNumber(), scene.attempt, kind);
    }

    /** Every decision of the story by scene, attempt and time; 404 when the story was never seen. */
    @Transactional
    public List<Decision> ofStory(UUID storyId) {
        if (stories.findByIdOptional(storyId).isEmpty()) {
            throw new NotFound("story " + storyId);
        }
        return list("storyId = ?1 order by sceneNumber, attempt, decidedAt, id", storyId);
    }
}
