package io.taleforge.film.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.model.Film;
import io.taleforge.film.model.FilmState;
import io.taleforge.film.repository.ClipRepository;
import io.taleforge.film.repository.FilmRepository;

/**
 * Every change of a clip's row, each in its own short transaction (a provider call never runs
 * inside one): claim, begin an attempt, remember the task id, poll results, READY, FAILED. Each
 * change also settles the film's state from its clips.
 */
@ApplicationScoped
public class ClipSteps {

    private final ClipRepository clips;
    private final FilmRepository films;
    private final FilmConfig config;
    private final Clock clock = Clock.systemUTC();

    public ClipSteps(ClipRepository clips, FilmRepository films, FilmConfig config) {
        this.clips = clips;
        this.films = films;
        this.config = config;
    }

    public Instant now() {
        return clock.instant();
    }

    @Transactional
    public List<Clip> due(int limit) {
        return clips.due(now(), limit);
    }

    /** Claims the clip's next step for this instance; empty when another instance took it first. */
    @Transactional
    public Optional<Clip> claim(Clip seen) {
        Instant now = now();
        if (!clips.claim(seen.key, seen.updatedAt, now.plus(config.worker().claim()), now)) {
            return Optional.empty();
        }
        return clips.find(seen.storyId(), seen.sceneNumber());
    }

    /** A queued clip starts its attempt: RENDERING, with its deadline, still claimed by this instance. */
    @Transactional
    public Clip begin(Clip.Key key, String provider, String model) {
        Clip clip = load(key);
        Instant now = now();
        clip.startAttempt(provider, model, now.plus(config.provider().deadline()), now);
        clip.deferTo(now.plus(config.worker().claim()), now);
        settle(clip);
        return clip;
    }

    /** The provider accepted the task: its id is stored before the first poll. */
    @Transactional
    public void taskCreated(Clip.Key key, String taskId) {
        Instant now = now();
        load(key).taskCreated(taskId, now.plus(config.provider().pollBase()), now);
    }

    @Transactional
    public void polled(Clip.Key key, String status, Instant nextPoll) {
        load(key).polled(status, nextPoll, now());
    }

    @Transactional
    public void deferTo(Clip.Key key, Instant until) {
        load(key).deferTo(until, now());
    }

    @Transactional
    public void ready(Clip.Key key, String url, long durationMs) {
        Clip clip = load(key);
        clip.ready(url, durationMs, now());
        settle(clip);
        Log.infof("clip ready story=%s scene=%d attempt=%d provider=%s task=%s url=%s", clip.storyId(),
                clip.sceneNumber(), clip.attempts, clip.provider, clip.providerTaskId, url);
    }

    @Transactional
    public void fail(Clip.Key key, String code, String reason) {
        Clip clip = load(key);
        clip.fail(code, reason, now());
        settle(clip);
        Log.warnf("clip failed story=%s scene=%d attempt=%d provider=%s task=%s code=%s reason=%s", clip.storyId(),
                clip.sceneNumber(), clip.attempts, clip.provider, clip.providerTaskId, code, clip.errorMessage);
    }

    private Clip load(Clip.Key key) {
        return clips.find(key.storyId, key.sceneNumber)
                .orElseThrow(() -> new IllegalStateException("no clip " + key.storyId + "/" + key.sceneNumber));
    }

    /** The film is MAKING while a clip is queued or rendering, READY when all are, else FAILED. */
    void settle(Clip changed) {
        Film film = films.findById(changed.storyId());
        if (film == null) {
            return;
        }
        clips.flush();
        List<Clip> all = clips.ofFilm(film.storyId);
        boolean working = all.stream().anyMatch(c -> c.state == ClipState.QUEUED || c.state == ClipState.RENDERING);
        boolean ready = all.stream().allMatch(c -> c.state == ClipState.READY);
        film.settle(working ? FilmState.MAKING : ready ? FilmState.READY : FilmState.FAILED, now());
    }
}
