package io.taleforge.approval.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One outgoing CloudEvent, written with the change it announces and published by the relay. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The CloudEvent id: stable across republishing, so consumers dedupe a resend. */
    @Column(name = "message_id", nullable = false, length = 64)
    public String messageId;

    @Column(nullable = false, length = 128)
    public String topic;

    @Column(name = "event_type", nullable = false, length = 128)
    public String eventType;

    @Column(name = "story_id", nullable = false)
    public UUID storyId;

    /** The event's JSON data, published as the record value. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "send_attempts", nullable = false)
    public int sendAttempts;

    @Column(name = "last_error", length = 2000)
    public String lastError;
}
