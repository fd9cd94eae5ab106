package io.taleforge.film.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;

@ApplicationScoped
public class ClipRepository implements PanacheRepositoryBase<Clip, Clip.Key> {

    public Optional<Clip> find(UUID storyId, int sceneNumber) {
        return findByIdOptional(new Clip.Key(storyId, sceneNumber));
    }

    public List<Clip> ofFilm(UUID storyId) {
        return list("key.storyId = ?1 order by key.sceneNumber", storyId);
    }

    /** Clips with a step to do now: queued ones, and rendering ones whose next poll is due; oldest first. */
    public List<Clip> due(Instant now, int limit) {
        return find("(state = ?1 or state = ?2) and (nextPollAt is null or nextPollAt <= ?3) order by updatedAt",
                ClipState.QUEUED, ClipState.RENDERING, now).page(0, limit).list();
    }

    /**
     * Claims the next step of a clip for this instance until {@code until}, only if nobody changed
     * the clip since it was read ({@code seen} is its {@code updatedAt}): one instance wins.
     */
    public boolean claim(Clip.Key key, Instant seen, Instant until, Instant now) {
        return update("nextPollAt = ?1, updatedAt = ?2 where key.storyId = ?3 and key.sceneNumber = ?4 and updatedAt = ?5",
                until, now, key.storyId, key.sceneNumber, seen) == 1;
    }
}
