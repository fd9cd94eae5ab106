package io.taleforge.film.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.film.model.Clip;

@ApplicationScoped
public class ClipRepository implements PanacheRepositoryBase<Clip, Clip.Key> {

    public Optional<Clip> find(UUID storyId, int sceneNumber) {
        return findByIdOptional(new Clip.Key(storyId, sceneNumber));
    }

    public List<Clip> ofFilm(UUID storyId) {
        return list("key.storyId = ?1 order by key.sceneNumber", storyId);
    }
}
