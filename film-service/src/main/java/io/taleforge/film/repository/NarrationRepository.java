package io.taleforge.film.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.NarrationState;
import io.taleforge.film.model.SceneNarration;

@ApplicationScoped
public class NarrationRepository implements PanacheRepositoryBase<SceneNarration, Clip.Key> {

    public Optional<SceneNarration> find(UUID storyId, int sceneNumber) {
        return findByIdOptional(new Clip.Key(storyId, sceneNumber));
    }

    public List<SceneNarration> ofFilm(UUID storyId) {
        return list("key.storyId = ?1 order by key.sceneNumber", storyId);
    }

    /** Narrations with a step to do now: queued ones, and speaking ones whose holder's claim ran out; oldest first. */
    public List<SceneNarration> due(Instant now, int limit) {
        return find("(state = ?1 or state = ?2) and nextAt <= ?3 order by nextAt", NarrationState.QUEUED,
                NarrationState.SPEAKING, now).page(0, limit).list();
    }

    /** Holds a narration for this worker until {@code until}, only if nobody changed it since it was read. */
    public boolean claim(Clip.Key key, Instant seen, Instant until, Instant now) {
        return update("nextAt = ?1, updatedAt = ?2 where key.storyId = ?3 and key.sceneNumber = ?4 and updatedAt = ?5",
                until, now, key.storyId, key.sceneNumber, seen) == 1;
    }
}
