package io.taleforge.film.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.model.Clip;

/**
 * The film worker of this instance: every second it reads which clips have a step due (a queued
 * clip, or a poll whose time has come), claims each in the database (so one instance among many
 * takes it) and hands it to a small pool that runs the step ({@link ClipRunner}). No thread ever
 * sleeps between two polls of a task: the next poll is a time on the clip's row, so a restart
 * resumes polling the task it stored instead of creating a second one.
 */
@ApplicationScoped
public class ClipWorker {

    private final ClipSteps steps;
    private final ClipRunner runner;
    private final FilmConfig.Worker config;
    private final ExecutorService pool;
    private final Set<Clip.Key> inFlight = ConcurrentHashMap.newKeySet();

    public ClipWorker(ClipSteps steps, ClipRunner runner, FilmConfig config) {
        this.steps = steps;
        this.runner = runner;
        this.config = config.worker();
        this.pool = Executors.newFixedThreadPool(this.config.concurrency(), r -> {
            Thread t = new Thread(r, "film-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled()) {
            return;
        }
        int free = config.concurrency() - inFlight.size();
        if (free <= 0) {
            return;
        }
        for (Clip due : steps.due(free * 2)) {
            if (inFlight.size() >= config.concurrency()) {
                return;
            }
            if (!inFlight.contains(due.key)) {
                steps.claim(due).ifPresent(this::submit);
            }
        }
    }

    private void submit(Clip clip) {
        inFlight.add(clip.key);
        try {
            pool.execute(() -> run(clip));
        } catch (RejectedExecutionException e) {
            inFlight.remove(clip.key);
        }
    }

    private void run(Clip clip) {
        try {
            runner.step(clip);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the claim expires and the step runs again; the reason is in the log and the journal
            Log.errorf(e, "clip step failed story=%s scene=%d attempt=%d", clip.storyId(), clip.sceneNumber(),
                    clip.attempts);
        } finally {
            inFlight.remove(clip.key);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
