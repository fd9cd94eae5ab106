package io.taleforge.film.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.mapping.FilmMapper;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.Film;
import io.taleforge.film.model.MovieState;
import io.taleforge.film.model.SceneNarration;
import io.taleforge.film.repository.ClipRepository;
import io.taleforge.film.repository.FilmRepository;
import io.taleforge.film.repository.NarrationRepository;

/**
 * Every change of a film's movie, each in one short transaction with its {@code film-status} FILM
 * event; FFmpeg never runs in here ({@link MovieWorker} assembles between these transactions).
 */
@ApplicationScoped
public class MovieJobs {

    /** One scene of the movie: its stored clip and narration, the narration's measured length and spoken text. */
    public record Part(int sceneNumber, String clipUrl, String narrationUrl, long narrationMs, String text) {
    }

    /** An assembly a worker holds: the film's story, the movie's attempt, its scenes in order. */
    public record Work(UUID storyId, int attempt, List<Part> parts) {
    }

    /** Where the stored movie and its subtitles are served, its length and size. */
    public record Stored(String url, String vttUrl, String srtUrl, long durationMs, long sizeBytes) {
    }

    private final FilmRepository films;
    private final ClipRepository clips;
    private final NarrationRepository narrations;
    private final FilmProgress progress;
    private final FilmConfig config;

    public MovieJobs(FilmRepository films, ClipRepository clips, NarrationRepository narrations, FilmProgress progress,
            FilmConfig config) {
        this.films = films;
        this.clips = clips;
        this.narrations = narrations;
        this.progress = progress;
        this.config = config;
    }

    /**
     * Holds the oldest due assembly for this worker until the claim runs out (a conditional
     * update, so two instances never assemble the same film at once; a holder that died leaves
     * an assembly that becomes due again).
     */
    @Transactional
    public Optional<Work> claimDue() {
        Instant now = Instant.now();
        Optional<Film> due = films.find("movieState = ?1 and movieNextAt <= ?2 order by movieNextAt",
                MovieState.ASSEMBLING, now).firstResultOptional();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Film film = due.get();
        int updated = films.update("movieNextAt = ?1 where storyId = ?2 and movieNextAt = ?3 and movieState = ?4",
                now.plus(config.assembly().claim()), film.storyId, film.movieNextAt, MovieState.ASSEMBLING);
        return updated == 1 ? Optional.of(new Work(film.storyId, film.movieAttempts, parts(film.storyId)))
                : Optional.empty();
    }

    private List<Part> parts(UUID storyId) {
        Map<Integer, SceneNarration> spoken = narrations.ofFilm(storyId).stream()
                .collect(Collectors.toMap(SceneNarration::sceneNumber, Function.identity()));
        List<Part> parts = new ArrayList<>();
        for (Clip clip : clips.ofFilm(storyId)) {
            SceneNarration n = spoken.get(clip.sceneNumber());
            parts.add(new Part(clip.sceneNumber(), clip.mediaUrl, n.mediaUrl, n.durationMs, n.spokenText));
        }
        return parts;
    }

    @Transactional
    public void ready(Work work, Stored stored) {
        current(work).ifPresent(film -> {
            Instant now = Instant.now();
            film.movieReady(stored.url(), stored.vttUrl(), stored.srtUrl(), stored.durationMs(), stored.sizeBytes(), now);
            progress.publish(work.storyId(), FilmMapper.movieItem(film), now);
            Log.infof("film ready storyId=%s attempt=%d durationMs=%d sizeBytes=%d url=%s", work.storyId(),
                    work.attempt(), stored.durationMs(), stored.sizeBytes(), stored.url());
        });
    }

    @Transactional
    public void failed(Work work, String code, String message) {
        current(work).ifPresent(film -> {
            Instant now = Instant.now();
            film.movieFailed(code, message, now);
            progress.publish(work.storyId(), FilmMapper.movieItem(film), now);
            Log.warnf("film assembly failed storyId=%s attempt=%d code=%s", work.storyId(), work.attempt(), code);
        });
    }

    /** A passing failure (story-service or approval-service down): the same attempt, due again at {@code next}. */
    @Transactional
    public void later(Work work, Instant next) {
        current(work).ifPresent(film -> film.assembleLater(next));
    }

    /** A FAILED movie is assembled again (its next attempt) from the clips and narrations it has. */
    @Transactional
    public void assembleAgain(UUID storyId) {
        Film film = films.findByIdOptional(storyId).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        if (film.movieState != MovieState.FAILED) {
            throw new FilmProblems.MovieNotFailed(film.movieState.name());
        }
        restart(film);
    }

    /** A FAILED movie is assembled again; whether there was one. */
    @Transactional
    public boolean retryFailed(UUID storyId) {
        Film film = films.findByIdOptional(storyId).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        if (film.movieState != MovieState.FAILED) {
            return false;
        }
        restart(film);
        return true;
    }

    private void restart(Film film) {
        Instant now = Instant.now();
        film.assemble(now);
        progress.publish(film.storyId, FilmMapper.movieItem(film), now);
        Log.infof("film assembly retry storyId=%s attempt=%d", film.storyId, film.movieAttempts);
    }

    /** The film, when its movie is still being assembled at this work's attempt. */
    private Optional<Film> current(Work work) {
        return films.findByIdOptional(work.storyId())
                .filter(f -> f.movieAttempts == work.attempt() && f.movieState == MovieState.ASSEMBLING);
    }
}
