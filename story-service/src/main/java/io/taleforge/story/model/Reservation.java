package io.taleforge.story.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Money set aside for one paid step of a story before it starts: a picture attempt (scene 0 is
 * the portrait), the writer, a scene's film clip or narration attempt. Its estimate is committed against the story's and the
 * reader's accounts; settling replaces it with the actual cost, releasing gives it back.
 */
@Entity
@Table(name = "budget_reservation")
public class Reservation extends PanacheEntityBase {

    /** What is paid for: FILM is kept for rows of older builds; the film reserves a CLIP and a NARRATION per scene. */
    public enum Purpose {
        WRITER, PICTURE, FILM, CLIP, NARRATION
    }

    public enum State {
        RESERVED, SETTLED, RELEASED
    }

    @Id
    public UUID id;

    @Column(name = "story_id", nullable = false)
    public UUID storyId;

    @Column(name = "owner_hash", nullable = false, length = 64)
    public String owner;

    @Column(name = "budget_day", nullable = false)
    public LocalDate day;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Purpose purpose;

    @Column(name = "scene_number", nullable = false)
    public int sceneNumber;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "estimate_usd", nullable = false, precision = 18, scale = 6)
    public BigDecimal estimate;

    @Column(name = "actual_usd", precision = 18, scale = 6)
    public BigDecimal actual;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "settled_at")
    public Instant settledAt;

    public static Reservation reserve(Story story, LocalDate day, Purpose purpose, int sceneNumber, int attempt,
            BigDecimal estimate, Instant now) {
        Reservation r = new Reservation();
        r.id = UUID.randomUUID();
        r.storyId = story.id;
        r.owner = story.owner;
        r.day = day;
        r.purpose = purpose;
        r.sceneNumber = sceneNumber;
        r.attempt = attempt;
        r.estimate = estimate;
        r.state = State.RESERVED;
        r.createdAt = now;
        return r;
    }

    public static Optional<Reservation> of(UUID storyId, Purpose purpose, int sceneNumber, int attempt) {
        return find("storyId = ?1 and purpose = ?2 and sceneNumber = ?3 and attempt = ?4", storyId, purpose,
                sceneNumber, attempt).firstResultOptional();
    }

    /**
     * Closes an open reservation with its {@code actual} cost (0 and RELEASED when the step failed
     * without cost); returns the change to commit against its accounts, or null when it was closed already.
     */
    public BigDecimal close(BigDecimal cost, boolean failed, Instant now) {
        if (state != State.RESERVED) {
            return null;
        }
        actual = cost == null ? BigDecimal.ZERO : cost;
        state = failed && actual.signum() == 0 ? State.RELEASED : State.SETTLED;
        settledAt = now;
        return actual.subtract(estimate);
    }

    /** What this reservation weighs now: its actual once closed, else its estimate. */
    public BigDecimal weight() {
        return state == State.RESERVED ? estimate : actual;
    }
}
