package io.taleforge.story.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.model.OutboxEvent;

/**
 * Writes messages to the outbox table inside the caller's transaction: they exist exactly when
 * the change they announce was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(TxType.MANDATORY)
    public OutboxEvent sceneApproved(SceneApproved event) {
        return append(Topics.SCENE_APPROVED, UUID.fromString(event.storyId()), event.sceneNumber(), event.attempt(),
                event);
    }

    @Transactional(TxType.MANDATORY)
    public OutboxEvent storyStatus(StoryStatus event) {
        return append(Topics.STORY_STATUS, UUID.fromString(event.storyId()), null, null, event);
    }

    private OutboxEvent append(String topic, UUID storyId, Integer sceneNumber, Integer attempt, Object data) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.storyId = storyId;
        row.topic = topic;
        row.type = EventTypes.BY_TOPIC.get(topic);
        row.sceneNumber = sceneNumber;
        row.attempt = attempt;
        row.payload = toJson(data);
        row.createdAt = Instant.now();
        row.sendAttempts = 0;
        row.persist();
        return row;
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + data.getClass().getSimpleName(), e);
        }
    }
}
