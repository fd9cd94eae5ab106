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
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.mapping.FilmMapper;
import io.taleforge.film.model.NarrationState;
import io.taleforge.film.model.SceneNarration;
import io.taleforge.film.repository.NarrationRepository;

/**
 * Every change of a narration, each in one short transaction with its {@code film-status} event
 * (through {@link FilmProgress}); the voice is never called in here ({@link NarrationWorker} does,
 * between these transactions).
 */
@ApplicationScoped
public class NarrationJobs {

    /**
     * A narration a worker holds: its attempt, and whether it was taken over from a holder that
     * died while speaking it (that holder's journal row is then closed as interrupted).
     */
    public record Work(UUID storyId, int sceneNumber, int attempt, String provider, String model, boolean takenOver) {
    }

    private final NarrationRepository narrations;
    private final FilmProgress progress;
    private final FilmConfig config;

    public NarrationJobs(NarrationRepository narrations, FilmProgress progress, FilmConfig config) {
        this.narrations = narrations;
        this.progress = progress;
        this.config = config;
    }

    /**
     * Holds up to {@code limit} due narrations for this worker (a conditional update: one instance
     * wins each): a QUEUED one starts its next attempt (SPEAKING), a SPEAKING one whose holder's
     * claim ran out is taken over at the same attempt.
     */
    @Transactional
    public List<Work> claimDue(int limit, String provider, String model) {
        Instant now = Instant.now();
        Instant until = now.plus(config.flow().claim());
        List<Work> claimed = new ArrayList<>();
        for (SceneNarration due : narrations.due(now, limit)) {
            if (!narrations.claim(due.key, due.updatedAt, until, now)) {
                continue;
            }
            narrations.getEntityManager().refresh(due);
            boolean takenOver = due.state == NarrationState.SPEAKING;
            if (!takenOver) {
                due.startAttempt(provider, model, until, now);
                progress.publish(due.storyId(), FilmMapper.narrationItem(due), now);
            }
            claimed.add(new Work(due.storyId(), due.sceneNumber(), due.attempts, due.provider, due.model, takenOver));
        }
        return claimed;
    }

    @Transactional
    public void ready(Work work, String text, String url, long durationMs) {
        current(work).ifPresent(narration -> {
            Instant now = Instant.now();
            narration.ready(text, url, durationMs, now);
            progress.publish(work.storyId(), FilmMapper.narrationItem(narration), now);
            Log.infof("narration ready storyId=%s scene=%d attempt=%d durationMs=%d url=%s", work.storyId(),
                    work.sceneNumber(), work.attempt(), durationMs, url);
        });
    }

    @Transactional
    public void failed(Work work, String code, String message) {
        current(work).ifPresent(narration -> {
            Instant now = Instant.now();
            narration.fail(code, message, now);
            progress.publish(work.storyId(), FilmMapper.narrationItem(narration), now);
            Log.warnf("narration failed storyId=%s scene=%d attempt=%d code=%s reason=%s", work.storyId(),
                    work.sceneNumber(), work.attempt(), code, message);
        });
    }

    /** A passing failure (story-service down, the voice's rate limit): the same attempt, asked again at {@code next}. */
    @Transactional
    public void later(Work work, Instant next) {
        current(work).ifPresent(narration -> narration.later(next, Instant.now()));
    }

    /** The attempt a retry of narration {@code sceneNumber} starts; checked as {@link #retry} checks (404, 409). */
    @Transactional
    public int nextAttempt(UUID storyId, int sceneNumber) {
        return failedNarration(storyId, sceneNumber).attempts + 1;
    }

    /** Scene → the attempt a retry starts, for every FAILED narration. */
    @Transactional
    public Map<Integer, Integer> failedNextAttempts(UUID storyId) {
        Map<Integer, Integer> next = new TreeMap<>();
        failed(storyId).forEach(narration -> next.put(narration.sceneNumber(), narration.attempts + 1));
        return next;
    }

    /** A FAILED narration is QUEUED again with its next attempt. */
    @Transactional
    public void retry(UUID storyId, int sceneNumber) {
        requeue(failedNarration(storyId, sceneNumber));
    }

    /** Every FAILED narration is QUEUED again; how many. */
    @Transactional
    public int retryFailed(UUID storyId) {
        List<SceneNarration> failed = failed(storyId);
        failed.forEach(this::requeue);
        return failed.size();
    }

    private SceneNarration failedNarration(UUID storyId, int sceneNumber) {
        SceneNarration narration = narrations.find(storyId, sceneNumber)
                .orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
        if (narration.state != NarrationState.FAILED) {
            throw new FilmProblems.NarrationNotRetryable(sceneNumber, narration.state.name());
        }
        return narration;
    }

    private List<SceneNarration> failed(UUID storyId) {
        return narrations.ofFilm(storyId).stream().filter(n -> n.state == NarrationState.FAILED).toList();
    }

    private void requeue(SceneNarration narration) {
        Instant now = Instant.now();
        narration.requeue(now);
        progress.publish(narration.storyId(), FilmMapper.narrationItem(narration), now);
        Log.infof("narration retry storyId=%s scene=%d attempt=%d", narration.storyId(), narration.sceneNumber(),
                narration.attempts + 1);
    }

    /** The narration, when it is still at this work's attempt and being spoken. */
    private Optional<SceneNarration> current(Work work) {
        return narrations.find(work.storyId(), work.sceneNumber())
                .filter(n -> n.attempts == work.attempt() && n.state == NarrationState.SPEAKING);
    }
}
