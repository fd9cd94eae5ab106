package io.taleforge.commons.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** One message waiting in the outbox ({@code db/commons/outbox.sql}), or already published ({@code sentAt} set). */
@Entity
@Table(name = "service_outbox")
public class OutboxEntry extends PanacheEntityBase {

    /** Longest {@code lastError} kept. */
    static final int MAX_ERROR = 2000;

    /** Publication order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvent id: the same on every republication, so consumers can dedupe. */
    @Column(nullable = false, unique = true, length = 64)
    public String id;

    @Column(nullable = false, length = 128)
    public String topic;

    /** The Kafka key (the story id): rows of one key are published in {@code seq} order. */
    @Column(name = "message_key", nullable = false, length = 128)
    public String messageKey;

    /** The CloudEvent type ({@code EventTypes.BY_TOPIC} of the topic). */
    @Column(name = "event_type", nullable = false, length = 128)
    public String type;

    /** The CloudEvent data, JSON of a {@code contracts} record. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "send_attempts", nullable = false)
    public int sendAttempts;

    @Column(name = "last_error", length = MAX_ERROR)
    public String lastError;

    /** The W3C traceparent of the appending transaction (null when tracing is off); published as a header. */
    @Column(length = 64)
    public String traceparent;

    /** The oldest unsent rows, in publication order. */
    public static List<OutboxEntry> unsent(int limit) {
        return find("sentAt is null", Sort.ascending("seq")).page(0, limit).list();
    }

    /**
     * Every row of {@code key} or of a key under it ({@code <key>/…}, e.g. a story's pictures) on
     * {@code topic}, in publication order (tests and inspection).
     */
    public static List<OutboxEntry> forKey(String key, String topic) {
        return find("(messageKey = ?1 or messageKey like ?2) and topic = ?3", Sort.ascending("seq"), key,
                key + "/%", topic).list();
    }

    /** How many rows of {@code key} or of a key under it ({@code <key>/…}) wait to be published. */
    public static long unsentFor(String key) {
        return count("(messageKey = ?1 or messageKey like ?2) and sentAt is null", key, key + "/%");
    }
}
