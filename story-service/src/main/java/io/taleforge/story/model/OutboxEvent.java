package io.taleforge.story.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A message waiting in the outbox (or already published: {@code sentAt} is set). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** Publication order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvent id: the same on every republication, so consumers can dedupe. */
    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(name = "story_id", nullable = false)
    public UUID storyId;

    @Column(nullable = false, length = 100)
    public String topic;

    @Column(name = "event_type", nullable = false, length = 100)
    public String type;

    @Column(name = "scene_number")
    public Integer sceneNumber;

    public Integer attempt;

    /** The CloudEvent data, JSON of a {@code contracts} record. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "send_attempts", nullable = false)
    public int sendAttempts;

    @Column(name = "last_error")
    public String lastError;

    /** The oldest unsent rows, in publication order. */
    public static List<OutboxEvent> unsent(int limit) {
        return find("sentAt is null", Sort.ascending("seq")).page(0, limit).list();
    }

    public static List<OutboxEvent> forStory(UUID storyId, String topic) {
        return find("storyId = ?1 and topic = ?2", Sort.ascending("seq"), storyId, topic).list();
    }
}
