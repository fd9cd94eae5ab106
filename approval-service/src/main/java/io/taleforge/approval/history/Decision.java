package io.taleforge.approval.history;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One decision of the reader on one attempt of a scene's image; written once, never changed. */
@Entity
@Table(name = "approval_decision")
public class Decision {

    /** What the reader decided: approve, reject (with an optional note), or retry a failed image. */
    public enum Kind {
        APPROVED, REJECTED, RETRY_REQUESTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "story_id", nullable = false)
    public UUID storyId;

    @Column(name = "scene_number", nullable = false)
    public int sceneNumber;

    @Column(nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Kind decision;

    /** The reader's note on a rejection; null otherwise. */
    @Column(length = 2000)
    public String note;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    static Decision of(UUID storyId, int sceneNumber, int attempt, Kind kind, String note, Instant at) {
        Decision decision = new Decision();
        decision.storyId = storyId;
        decision.sceneNumber = sceneNumber;
        decision.attempt = attempt;
        decision.decision = kind;
        decision.note = note;
        decision.decidedAt = at;
        return decision;
    }
}
