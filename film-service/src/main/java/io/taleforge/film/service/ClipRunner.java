package io.taleforge.film.service;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.http.Backoff;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.ffmpeg.FfmpegException;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.limiter.FilmLimiter;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.picture.PictureSource;
import io.taleforge.film.provider.ClipProvider;
import io.taleforge.film.provider.ClipProviders;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.film.provider.ClipVideo;
import io.taleforge.film.provider.ProviderException;
import io.taleforge.film.provider.RateLimitedException;
import io.taleforge.film.provider.TransientProviderException;
import io.taleforge.film.store.ClipStore;
import io.taleforge.media.store.MediaStore;

/**
 * One step of one clip, run on a worker thread that never waits between polls: either start the
 * task (limiter, picture, create; the task id stored before the first poll) or poll it once (and
 * when it succeeded, download the video at once, measure it and copy it to our store). What comes
 * next is a time written on the clip ({@code next_poll_at}); the worker's tick picks it up then,
 * in this instance or another, before or after a restart. Every provider call is journaled: the
 * create, each poll whose answer changes the task's status, the download and the upload.
 */
@ApplicationScoped
public class ClipRunner {

    private final ClipSteps steps;
    private final ClipProvider provider;
    private final FilmLimiter limiter;
    private final PictureSource pictures;
    private final ClipStore store;
    private final VideoProbe probe;
    private final Journal journal;
    private final FilmConfig config;
    private final Backoff backoff;

    public ClipRunner(ClipSteps steps, ClipProviders providers, FilmLimiter limiter, PictureSource pictures,
            ClipStore store, VideoProbe probe, Journal journal, FilmConfig config) {
        this.steps = steps;
        this.provider = providers.selected();
        this.limiter = limiter;
        this.pictures = pictures;
        this.store = store;
        this.probe = probe;
        this.journal = journal;
        this.config = config;
        this.backoff = new Backoff(config.provider().pollBase(), config.provider().pollMax());
    }

    /** Runs the clip's due step. */
    public void step(Clip clip) throws InterruptedException {
        if (clip.state == ClipState.RENDERING && clip.pastDeadline(steps.now())) {
            failPastDeadline(clip);
        } else if (clip.state == ClipState.QUEUED || clip.providerTaskId == null) {
            start(clip);
        } else {
            poll(clip);
        }
    }

    private void start(Clip clip) throws InterruptedException {
        FilmLimiter.Decision permit = limiter.tryStart(account(), slot(clip));
        if (!permit.granted()) {
            steps.deferTo(clip.key, steps.now().plus(permit.retryIn()));
            return;
        }
        Clip started = clip.state == ClipState.QUEUED ? steps.begin(clip.key, provider.name(), provider.model()) : clip;
        try {
            ClipRequest request = new ClipRequest(started.storyId(), started.sceneNumber(), started.attempts,
                    pictures.read(started.imageUrl), config.provider().prompt());
            String taskId = create(started, request);
            steps.taskCreated(started.key, taskId);
            Log.infof("clip task created story=%s scene=%d attempt=%d provider=%s task=%s", started.storyId(),
                    started.sceneNumber(), started.attempts, provider.name(), taskId);
        } catch (RateLimitedException e) {
            limiter.release(account(), slot(started));
            steps.deferTo(started.key, steps.now().plus(backoff.after(1, e.retryAfter().orElse(null))));
        } catch (TransientProviderException e) {
            limiter.release(account(), slot(started));
            steps.deferTo(started.key, steps.now().plus(backoff.after(Math.max(1, started.polls + 1))));
        } catch (ProviderException e) {
            limiter.release(account(), slot(started));
            steps.fail(started.key, e.code(), e.getMessage());
        }
    }

    private String create(Clip clip, ClipRequest request) throws InterruptedException {
        try (JournalCall call = JournalCall.open(journal, subject("clip.create", clip), "create",
                "scene " + clip.sceneNumber() + " picture " + (request.picture().publicUrl() != null ? "url" : "inline")
                        + " " + request.picture().bytes().length + " bytes")) {
            try {
                String taskId = provider.create(request);
                call.success("created", "task " + taskId);
                return taskId;
            } catch (RuntimeException e) {
                call.failed("create", e);
                throw e;
            }
        }
    }

    private void poll(Clip clip) throws InterruptedException {
        long start = System.nanoTime();
        ClipTask task;
        try {
            task = provider.poll(clip.providerTaskId);
        } catch (RateLimitedException e) {
            steps.polled(clip.key, null, steps.now().plus(backoff.after(clip.polls + 1, e.retryAfter().orElse(null))));
            return;
        } catch (TransientProviderException e) {
            journalPoll(clip, null, e, start);
            steps.polled(clip.key, null, steps.now().plus(backoff.after(clip.polls + 1)));
            return;
        } catch (ProviderException e) {
            journalPoll(clip, null, e, start);
            finish(clip, () -> steps.fail(clip.key, e.code(), e.getMessage()));
            return;
        }
        if (!java.util.Objects.equals(task.status(), clip.providerStatus)) {
            journalPoll(clip, task, null, start);
        }
        switch (task.phase()) {
            case RUNNING -> steps.polled(clip.key, task.status(), steps.now().plus(backoff.after(clip.polls + 1)));
            case FAILED -> finish(clip, () -> steps.fail(clip.key, "provider_failed", task.reason()));
            case SUCCEEDED -> keep(clip, task);
        }
    }

    /** Downloads the finished video at once, measures it and copies it to our store. */
    private void keep(Clip clip, ClipTask task) throws InterruptedException {
        try {
            ClipVideo video = download(clip, task);
            long durationMs = Math.round(probe.probe(video.bytes()).durationSeconds() * 1000);
            MediaStore.StoredMedia stored = upload(clip, video);
            finish(clip, () -> steps.ready(clip.key, stored.url(), durationMs));
        } catch (TransientProviderException | IOException e) {
            steps.polled(clip.key, task.status(), steps.now().plus(backoff.after(clip.polls + 1)));
        } catch (ProviderException e) {
            finish(clip, () -> steps.fail(clip.key, e.code(), e.getMessage()));
        } catch (FfmpegException e) {
            finish(clip, () -> steps.fail(clip.key, "not_a_video", "the provider's video cannot be read: "
                    + e.getMessage()));
        }
    }

    private ClipVideo download(Clip clip, ClipTask task) throws InterruptedException {
        try (JournalCall call = JournalCall.open(journal, subject("clip.download", clip), "download",
                "task " + task.taskId())) {
            try {
                ClipVideo video = provider.fetch(task);
                call.success("downloaded", video.bytes().length + " bytes");
                return video;
            } catch (RuntimeException e) {
                call.failed("download", e);
                throw e;
            }
        }
    }

    private MediaStore.StoredMedia upload(Clip clip, ClipVideo video) throws IOException {
        Journal.Subject subject = new Journal.Subject("clip.store", clip.storyId(), clip.sceneNumber(), clip.attempts,
                store.selected().name(), null);
        try (JournalCall call = JournalCall.open(journal, subject, "upload", video.bytes().length + " bytes")) {
            try {
                MediaStore.StoredMedia stored = store.put(clip.storyId(), clip.sceneNumber(), clip.attempts,
                        video.bytes());
                call.success("stored", stored.url());
                return stored;
            } catch (IOException | RuntimeException e) {
                call.failed("upload", e);
                throw e;
            }
        }
    }

    private void failPastDeadline(Clip clip) {
        Duration limit = config.provider().deadline();
        finish(clip, () -> steps.fail(clip.key, "deadline", "no finished clip within " + limit.toMinutes()
                + " min" + (clip.providerTaskId == null ? "" : " (task " + clip.providerTaskId + ", last status "
                        + clip.providerStatus + ")")));
    }

    /** The clip's task is over: its slot goes back to the account, whatever the outcome. */
    private void finish(Clip clip, Runnable outcome) {
        outcome.run();
        limiter.release(account(), slot(clip));
    }

    private void journalPoll(Clip clip, ClipTask task, Throwable error, long startNanos) {
        String output = task == null ? null : task.status() + (task.reason() == null ? "" : ": " + task.reason());
        JournalCall.completed(journal, subject("clip.poll", clip), "poll", "task " + clip.providerTaskId, output,
                error, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private Journal.Subject subject(String operation, Clip clip) {
        return new Journal.Subject(operation, clip.storyId(), clip.sceneNumber(), clip.attempts, provider.name(),
                provider.model());
    }

    private String account() {
        return provider.name() + ":" + config.limiter().account();
    }

    private static String slot(Clip clip) {
        return clip.storyId() + ":" + clip.sceneNumber();
    }
}
