package io.taleforge.approval.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.approval.model.OutboxMessage;
import io.taleforge.approval.repository.OutboxRepository;
import io.taleforge.contracts.EventTypes;

/**
 * Writes outgoing events into the outbox, inside the caller's transaction: the change and the
 * message that announces it commit together or not at all. {@code OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    /** Fired with every row written; the relay observes it after the transaction committed. */
    public record Written(String topic, UUID storyId) {
    }

    private final OutboxRepository repository;
    private final ObjectMapper json;
    private final Event<Written> written;

    public Outbox(OutboxRepository repository, ObjectMapper json, Event<Written> written) {
        this.repository = repository;
        this.json = json;
        this.written = written;
    }

    @Transactional(TxType.MANDATORY)
    public void enqueue(String topic, UUID storyId, Object data) {
        OutboxMessage row = new OutboxMessage();
        row.messageId = UUID.randomUUID().toString();
        row.topic = topic;
        row.eventType = EventTypes.BY_TOPIC.get(topic);
        row.storyId = storyId;
        try {
            row.payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + data.getClass().getSimpleName(), e);
        }
        row.createdAt = Instant.now();
        row.sendAttempts = 0;
        repository.persist(row);
        written.fire(new Written(topic, storyId));
    }
}
