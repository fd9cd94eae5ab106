package io.taleforge.commons.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.tracing.TraceContext;
import io.taleforge.contracts.EventTypes;

/**
 * The transactional outbox: {@link #append} writes a message inside the caller's transaction, so
 * it exists exactly when the change it announces was committed. {@link OutboxRelay} publishes it
 * (right after the commit, and on a timer as a safety net). The row keeps the caller's trace
 * context, so the relay publishes it within the same trace.
 */
@ApplicationScoped
public class Outbox {

    /** Fired with every appended row; the relay observes it once the transaction committed. */
    public record Appended(String topic, String key) {
    }

    private final ObjectMapper json;
    private final Event<Appended> appended;

    public Outbox(ObjectMapper json, Event<Appended> appended) {
        this.json = json;
        this.appended = appended;
    }

    /**
     * Appends {@code record} (a {@code contracts} record, published as JSON) for {@code topic},
     * keyed by {@code key} (the story id, or a key under it such as a picture's
     * {@code <storyId>/<scene>} when a story's records may go side by side). Rows of one key are
     * published in order; rows of different keys go out in parallel. Only inside the caller's transaction.
     *
     * @return the CloudEvent id the message will carry
     * @throws IllegalArgumentException when {@code topic} has no CloudEvent type in {@code EventTypes.BY_TOPIC}
     */
    @Transactional(TxType.MANDATORY)
    public String append(String topic, String key, Object record) {
        String type = EventTypes.BY_TOPIC.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("no CloudEvent type for topic " + topic);
        }
        OutboxEntry row = new OutboxEntry();
        row.id = UUID.randomUUID().toString();
        row.topic = topic;
        row.messageKey = key;
        row.type = type;
        row.payload = toJson(record);
        row.createdAt = Instant.now();
        row.sendAttempts = 0;
        row.traceparent = TraceContext.traceparent();
        row.persist();
        appended.fire(new Appended(topic, key));
        return row.id;
    }

    private String toJson(Object record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + record.getClass().getSimpleName(), e);
        }
    }
}
