package io.taleforge.film.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.taleforge.commons.inbox.ProcessedMessages;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.contracts.ClipRequested;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.mapping.FilmMapper;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.model.Film;
import io.taleforge.film.model.SceneNarration;
import io.taleforge.film.repository.ClipRepository;
import io.taleforge.film.repository.FilmRepository;
import io.taleforge.film.repository.NarrationRepository;
import io.taleforge.film.rest.FilmView;

/**
 * Every change of a film and its clips, each in one transaction with the messages that announce
 * it in the outbox ({@code clip-requested} work orders, {@code film-status} per step). Provider
 * calls never happen in here: {@link ClipWorker} makes them between these short transactions.
 */
@ApplicationScoped
public class FilmJobs {

    /** The consumer name under which clip-requested messages are deduplicated. */
    public static final String CONSUMER = Topics.FILM_WORKERS_GROUP;

    /** A clip a worker is working on: a detached snapshot of its current attempt. */
    public record Work(UUID storyId, int sceneNumber, int attempt, String imageUrl, String taskId, int polls,
            Instant deadline) {
    }

    private final FilmRepository films;
    private final ClipRepository clips;
    private final NarrationRepository narrations;
    private final FilmProgress progress;
    private final Outbox outbox;
    private final ProcessedMessages processed;
    private final FilmConfig config;

    public FilmJobs(FilmRepository films, ClipRepository clips, NarrationRepository narrations, FilmProgress progress,
            Outbox outbox, ProcessedMessages processed, FilmConfig config) {
        this.films = films;
        this.clips = clips;
        this.narrations = narrations;
        this.progress = progress;
        this.outbox = outbox;
        this.processed = processed;
        this.config = config;
    }

    @Transactional
    public Optional<FilmView> find(UUID storyId) {
        return films.findByIdOptional(storyId).map(this::view);
    }

    /**
     * The film with one QUEUED clip (and its work order) and one QUEUED narration per approved
     * picture, and its movie WAITING; the same film when it exists.
     */
    @Transactional
    public FilmView create(UUID storyId, Map<Integer, String> pictures) {
        Optional<Film> existing = films.findByIdOptional(storyId);
        if (existing.isPresent()) {
            return view(existing.get());
        }
        Instant now = Instant.now();
        Film film = Film.start(storyId, now);
        films.persist(film);
        List<FilmStatus.Item> queued = new ArrayList<>();
        for (Map.Entry<Integer, String> picture : pictures.entrySet()) {
            Clip clip = Clip.queue(storyId, picture.getKey(), picture.getValue(), now);
            clips.persist(clip);
            outbox.append(Topics.CLIP_REQUESTED, storyId.toString(), FilmMapper.toRequest(clip, now));
            SceneNarration narration = SceneNarration.queue(storyId, picture.getKey(), now);
            narrations.persist(narration);
            queued.add(FilmMapper.clipItem(clip));
            queued.add(FilmMapper.narrationItem(narration));
        }
        queued.add(FilmMapper.movieItem(film));
        queued.forEach(item -> {
            outbox.append(Topics.FILM_STATUS, storyId.toString(),
                    FilmMapper.toEvent(film, item, 0, 0, config.scenesPerFilm(), now));
            progress.count(item);
        });
        Log.infof("film started storyId=%s clips=%d narrations=%d", storyId, pictures.size(), pictures.size());
        return view(film);
    }

    /**
     * Admits one clip-requested message: the first time it is seen and while it is the clip's next
     * attempt, the attempt starts (RENDERING) and the clip is held by this worker for the claim time.
     */
    @Transactional
    public Optional<Work> admit(String messageId, ClipRequested request, String provider, String model) {
        if (!processed.firstTime(CONSUMER, messageId)) {
            Log.debugf("clip-requested already handled id=%s", messageId);
            return Optional.empty();
        }
        Clip clip = clips.find(UUID.fromString(request.storyId()), request.sceneNumber()).orElse(null);
        if (clip == null || clip.state != ClipState.QUEUED || clip.attempts + 1 != request.attempt()) {
            Log.infof("clip request dropped storyId=%s scene=%d attempt=%d state=%s", request.storyId(),
                    request.sceneNumber(), request.attempt(), clip == null ? "none" : clip.state);
            return Optional.empty();
        }
        Instant now = Instant.now();
        clip.startAttempt(provider, model, now.plus(config.provider().deadline()), now);
        clip.claim(now.plus(config.flow().claim()), now);
        publish(clip, now);
        return Optional.of(work(clip));
    }

    /** Holds every running clip whose next poll is due (at most {@code limit}) for this worker. */
    @Transactional
    public List<Work> claimDue(int limit) {
        Instant now = Instant.now();
        List<Clip> due = clips.find("state = ?1 and nextPollAt <= ?2 order by nextPollAt", ClipState.RENDERING, now)
                .page(0, limit).list();
        List<Work> claimed = new ArrayList<>();
        for (Clip clip : due) {
            int updated = clips.update("nextPollAt = ?1, updatedAt = ?2 where key = ?3 and nextPollAt = ?4 and state = ?5",
                    now.plus(config.flow().claim()), now, clip.key, clip.nextPollAt, ClipState.RENDERING);
            if (updated == 1) {
                claimed.add(work(clip));
            }
        }
        return claimed;
    }

    /** The provider task exists: its id is stored before the first poll. */
    @Transactional
    public void taskCreated(Work work, String taskId, Instant firstPoll) {
        current(work).ifPresent(clip -> clip.taskCreated(taskId, firstPoll, Instant.now()));
    }

    /** Ask again at {@code next} (a running task, a busy provider account, a passing failure). */
    @Transactional
    public void reschedule(Work work, Instant next) {
        current(work).ifPresent(clip -> clip.polled(null, next, Instant.now()));
    }

    /** Nothing to do before {@code until}: the account's limits are full. */
    @Transactional
    public void defer(Work work, Instant until) {
        current(work).ifPresent(clip -> clip.deferTo(until, Instant.now()));
    }

    @Transactional
    public void ready(Work work, String url, Long durationMs) {
        current(work).ifPresent(clip -> {
            Instant now = Instant.now();
            clip.ready(url, durationMs == null ? 0 : durationMs, now);
            publish(clip, now);
            Log.infof("clip ready storyId=%s scene=%d attempt=%d url=%s", work.storyId(), work.sceneNumber(),
                    work.attempt(), url);
        });
    }

    @Transactional
    public void failed(Work work, String code, String message) {
        current(work).ifPresent(clip -> {
            Instant now = Instant.now();
            clip.fail(code, message, now);
            publish(clip, now);
            Log.warnf("clip failed storyId=%s scene=%d attempt=%d code=%s reason=%s", work.storyId(),
                    work.sceneNumber(), work.attempt(), code, message);
        });
    }

    /** The attempt a retry of clip {@code sceneNumber} starts; checked as {@link #retry} checks (404, 409). */
    @Transactional
    public int nextAttempt(UUID storyId, int sceneNumber) {
        films.findByIdOptional(storyId).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        return failedClip(storyId, sceneNumber).attempts + 1;
    }

    /** Scene → the attempt a retry starts, for every FAILED clip (404 without a film). */
    @Transactional
    public Map<Integer, Integer> failedNextAttempts(UUID storyId) {
        films.findByIdOptional(storyId).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        Map<Integer, Integer> next = new TreeMap<>();
        failed(storyId).forEach(clip -> next.put(clip.sceneNumber(), clip.attempts + 1));
        return next;
    }

    /** A FAILED clip is QUEUED again with its next attempt's work order. */
    @Transactional
    public FilmView retry(UUID storyId, int sceneNumber) {
        Film film = films.findByIdOptional(storyId).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        requeue(failedClip(storyId, sceneNumber));
        return view(film);
    }

    /** Every FAILED clip is QUEUED again; how many. */
    @Transactional
    public int retryFailed(UUID storyId) {
        films.findByIdOptional(storyId).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        List<Clip> failed = failed(storyId);
        failed.forEach(this::requeue);
        return failed.size();
    }

    private Clip failedClip(UUID storyId, int sceneNumber) {
        Clip clip = clips.find(storyId, sceneNumber).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        if (clip.state != ClipState.FAILED) {
            throw new FilmProblems.ClipNotRetryable(sceneNumber, clip.state.name());
        }
        return clip;
    }

    private List<Clip> failed(UUID storyId) {
        return clips.ofFilm(storyId).stream().filter(c -> c.state == ClipState.FAILED).toList();
    }

    private void requeue(Clip clip) {
        Instant now = Instant.now();
        clip.requeue(now);
        outbox.append(Topics.CLIP_REQUESTED, clip.storyId().toString(), FilmMapper.toRequest(clip, now));
        publish(clip, now);
        Log.infof("clip retry storyId=%s scene=%d attempt=%d", clip.storyId(), clip.sceneNumber(), clip.attempts + 1);
    }

    /** Settles the film (see {@link FilmProgress}) and appends the clip's film-status event. */
    private void publish(Clip clip, Instant now) {
        progress.publish(clip.storyId(), FilmMapper.clipItem(clip), now);
    }

    /** The clip, when it is still at this work's attempt and running. */
    private Optional<Clip> current(Work work) {
        return clips.find(work.storyId(), work.sceneNumber())
                .filter(c -> c.attempts == work.attempt() && c.state == ClipState.RENDERING);
    }

    private FilmView view(Film film) {
        return progress.view(film);
    }

    private static Work work(Clip clip) {
        return new Work(clip.storyId(), clip.sceneNumber(), clip.attempts, clip.imageUrl, clip.providerTaskId,
                clip.polls, clip.deadlineAt);
    }
}
