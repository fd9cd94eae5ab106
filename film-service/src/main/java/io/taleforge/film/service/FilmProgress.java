package io.taleforge.film.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.mapping.FilmMapper;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.model.Film;
import io.taleforge.film.model.MovieState;
import io.taleforge.film.model.NarrationState;
import io.taleforge.film.model.SceneNarration;
import io.taleforge.film.repository.ClipRepository;
import io.taleforge.film.repository.FilmRepository;
import io.taleforge.film.repository.NarrationRepository;
import io.taleforge.film.rest.FilmView;

/**
 * The film as a whole after a step of one of its items (clip, narration, movie), inside the
 * step's transaction: the film row is locked first, so two items finishing at once are counted
 * one after the other; the film's state is settled from all its items; when the last clip or
 * narration is READY the movie's assembly is due; the step's {@code film-status} event goes to
 * the outbox (and the movie's, when its assembly starts). Clip and narration statuses announced
 * are counted as {@code taleforge_clips_total{status}} and {@code taleforge_narrations_total{status}}.
 */
@ApplicationScoped
public class FilmProgress {

    private final FilmRepository films;
    private final ClipRepository clips;
    private final NarrationRepository narrations;
    private final Outbox outbox;
    private final FilmConfig config;
    private final MeterRegistry meters;
    private final Journal journal;

    public FilmProgress(FilmRepository films, ClipRepository clips, NarrationRepository narrations, Outbox outbox,
            FilmConfig config, MeterRegistry meters, Journal journal) {
        this.films = films;
        this.clips = clips;
        this.narrations = narrations;
        this.outbox = outbox;
        this.config = config;
        this.meters = meters;
        this.journal = journal;
    }

    /** Locks the film of a step, settles it and announces {@code item} (built after the step's change). */
    public Film publish(UUID storyId, FilmStatus.Item item, Instant now) {
        Film film = films.findById(storyId, LockModeType.PESSIMISTIC_WRITE);
        List<Clip> allClips = clips.ofFilm(storyId);
        List<SceneNarration> allNarrations = narrations.ofFilm(storyId);
        boolean assemble = film.movieState == MovieState.WAITING
                && allClips.size() == config.scenesPerFilm() && allNarrations.size() == config.scenesPerFilm()
                && allClips.stream().allMatch(c -> c.state == ClipState.READY)
                && allNarrations.stream().allMatch(n -> n.state == NarrationState.READY);
        if (assemble) {
            film.assemble(now);
            Log.infof("film assembly due storyId=%s attempt=%d", storyId, film.movieAttempts);
        }
        film.settle(FilmMapper.stateOf(film, allClips, allNarrations), now);
        announce(film, allClips, allNarrations, priced(storyId, item), now);
        if (assemble) {
            announce(film, allClips, allNarrations, FilmMapper.movieItem(film), now);
        }
        return film;
    }

    /**
     * A final clip or narration attempt with what its calls cost (the journal's priced rows:
     * {@code clip.create}, {@code narration.speak}), for the story ledger's settlement; others unchanged.
     */
    private FilmStatus.Item priced(UUID storyId, FilmStatus.Item item) {
        if (!item.state().isFinal() || item.kind() == FilmStatus.Kind.FILM) {
            return item;
        }
        String operation = item.kind() == FilmStatus.Kind.CLIP ? ClipWorker.CREATE : NarrationWorker.OPERATION;
        return item.withCost(journal.cost(operation, storyId, item.sceneNumber(), item.attempt()));
    }

    /** The film as the REST API answers it. */
    public FilmView view(Film film) {
        return FilmMapper.toView(film, clips.ofFilm(film.storyId), narrations.ofFilm(film.storyId),
                config.scenesPerFilm());
    }

    private void announce(Film film, List<Clip> allClips, List<SceneNarration> allNarrations, FilmStatus.Item item,
            Instant now) {
        int ready = (int) allClips.stream().filter(c -> c.state == ClipState.READY).count();
        outbox.append(Topics.FILM_STATUS, film.storyId.toString(), FilmMapper.toEvent(film, item, ready,
                FilmMapper.narrationsReady(allNarrations), config.scenesPerFilm(), now));
        count(item);
    }

    /** Counts an announced clip or narration status ({@code taleforge_clips_total}, {@code taleforge_narrations_total}). */
    void count(FilmStatus.Item item) {
        String name = switch (item.kind()) {
            case CLIP -> "taleforge.clips";
            case NARRATION -> "taleforge.narrations";
            default -> null;
        };
        if (name != null) {
            Counter.builder(name).description("Film item statuses announced, by status")
                    .tag("status", item.state().name()).register(meters).increment();
        }
    }
}
