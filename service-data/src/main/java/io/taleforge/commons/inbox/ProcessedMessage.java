package io.taleforge.commons.inbox;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A consumed CloudEvent, per consumer: its presence means "already handled, change nothing". */
@Entity
@Table(name = "processed_message")
public class ProcessedMessage extends PanacheEntityBase {

    @Embeddable
    public static class Key implements Serializable {

        @Column(length = 64)
        public String consumer;

        @Column(name = "message_id", length = 128)
        public String messageId;

        public Key() {
        }

        public Key(String consumer, String messageId) {
            this.consumer = consumer;
            this.messageId = messageId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(consumer, k.consumer) && Objects.equals(messageId, k.messageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, messageId);
        }
    }

    @EmbeddedId
    public Key key;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;
}
