package io.taleforge.film.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The film of one story; asked for once, its clips are {@link Clip} rows. */
@Entity
@Table(name = "film")
public class Film {

    @Id
    @Column(name = "story_id")
    public UUID storyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public FilmState state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Film start(UUID storyId, Instant now) {
        Film film = new Film();
        film.storyId = storyId;
        film.state = FilmState.MAKING;
        film.createdAt = now;
        film.updatedAt = now;
        return film;
    }

    /** Sets the film's state from its clips' (computed by the caller) and stamps the change. */
    public void settle(FilmState next, Instant now) {
        if (state != next) {
            state = next;
            updatedAt = now;
        }
    }
}
