package io.taleforge.film.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.model.Film;
import io.taleforge.film.model.FilmState;
import io.taleforge.film.repository.ClipRepository;
import io.taleforge.film.repository.FilmRepository;

/** Asking for a story's film (once: asking again gives the same film), reading it, retrying failed clips. */
@ApplicationScoped
public class FilmService {

    private final FilmRepository films;
    private final ClipRepository clips;
    private final Clock clock = Clock.systemUTC();

    public FilmService(FilmRepository films, ClipRepository clips) {
        this.films = films;
        this.clips = clips;
    }

    /** One approved picture of the story. */
    public record Scene(int sceneNumber, String imageUrl) {
    }

    /** The film with its clips in scene order. */
    public record FilmWithClips(Film film, List<Clip> clips, boolean created) {
    }

    /** Starts the film with one queued clip per scene; a film that exists is returned as it is. */
    @Transactional
    public FilmWithClips request(UUID storyId, List<Scene> scenes) {
        Film existing = films.findById(storyId);
        if (existing != null) {
            return new FilmWithClips(existing, clips.ofFilm(storyId), false);
        }
        Instant now = clock.instant();
        Film film = Film.start(storyId, now);
        films.persist(film);
        for (Scene scene : scenes) {
            clips.persist(Clip.queue(storyId, scene.sceneNumber(), scene.imageUrl(), now));
        }
        Log.infof("film requested story=%s clips=%d", storyId, scenes.size());
        return new FilmWithClips(film, clips.ofFilm(storyId), true);
    }

    @Transactional
    public Optional<FilmWithClips> find(UUID storyId) {
        return Optional.ofNullable(films.findById(storyId)).map(f -> new FilmWithClips(f, clips.ofFilm(storyId), false));
    }

    /** Queues every failed clip of the film again (one, when {@code sceneNumber} is given); returns how many. */
    @Transactional
    public int retryFailed(UUID storyId, Integer sceneNumber) {
        Film film = films.findById(storyId);
        if (film == null) {
            return 0;
        }
        Instant now = clock.instant();
        List<Clip> failed = clips.ofFilm(storyId).stream().filter(c -> c.state == ClipState.FAILED)
                .filter(c -> sceneNumber == null || c.sceneNumber() == sceneNumber).toList();
        failed.forEach(c -> c.requeue(now));
        if (!failed.isEmpty()) {
            film.settle(FilmState.MAKING, now);
            Log.infof("film retry story=%s clips=%d", storyId, failed.size());
        }
        return failed.size();
    }
}
