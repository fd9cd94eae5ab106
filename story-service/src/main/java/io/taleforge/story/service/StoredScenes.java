package io.taleforge.story.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.contracts.Topics;
import io.taleforge.story.mapping.StoryMapper;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;

/**
 * The background writer's two writes, each its own transaction with its outbox rows: one scene
 * stored and announced on {@code scene-written}; the end of the writing (marked placeholders, each
 * announced with the reason, for the scenes still missing; {@code DRAFTED} on {@code story-status}).
 */
@ApplicationScoped
public class StoredScenes {

    private final Outbox outbox;
    private final StoryMapper mapper;
    private final StoryBudget budget;

    public StoredScenes(Outbox outbox, StoryMapper mapper, StoryBudget budget) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.budget = budget;
    }

    /** Stores one written scene of a story still {@code WRITING} and announces it; false when it was there already. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean written(UUID id, int number, ArcStage stage, String text) {
        Story story = Story.lockedById(id).orElse(null);
        if (story == null || !story.isWriting() || story.scene(number).isPresent()) {
            return false;
        }
        Scene scene = story.addScene(number, stage.slug(), text, false);
        outbox.append(Topics.SCENE_WRITTEN, id.toString(), mapper.sceneWritten(scene, null));
        Log.infof("scene written story=%s scene=%d", id, number);
        return true;
    }

    /**
     * Ends the writing: a marked placeholder (announced with {@code note}) for each scene still
     * missing, the writer's title (null: keep the provisional one), {@code DRAFTED}; the writing's
     * reservation settled with {@code costUsd} (null: the writing failed, released unless it cost).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(UUID id, String title, String note, BigDecimal costUsd) {
        Story story = Story.lockedById(id).orElse(null);
        if (story == null || !story.isWriting()) {
            return;
        }
        budget.settleWriting(id, costUsd, costUsd == null);
        int placeholders = 0;
        for (int number = 1; number <= ArcStage.SCENES; number++) {
            if (story.scene(number).isEmpty()) {
                ArcStage stage = ArcStage.of(number);
                Scene scene = story.addScene(number, stage.slug(), SceneDrafting.placeholderText(number, stage), true);
                outbox.append(Topics.SCENE_WRITTEN, id.toString(), mapper.sceneWritten(scene, note));
                placeholders++;
            }
        }
        story.written(title, placeholders == 0 ? null : note, Instant.now());
        outbox.append(Topics.STORY_STATUS, id.toString(), mapper.status(story));
        Log.infof("story drafted story=%s placeholders=%d", id, placeholders);
    }
}
