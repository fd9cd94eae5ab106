package io.taleforge.film.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.cost.Rate;
import io.taleforge.commons.http.Backoff;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.contracts.ClipRequested;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.limiter.FilmLimiter;
import io.taleforge.film.provider.ClipProvider;
import io.taleforge.film.provider.ClipProviders;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.film.provider.ClipVideo;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.film.service.FilmJobs.Work;

/**
 * Makes one clip, a step at a time, without ever waiting inside a step: the create (after the
 * clip-requested message was admitted), then one poll per due time ({@link ClipPoller}), then the
 * download and the copy to our media store. The task id is stored before the first poll, so a
 * restart polls the same task again instead of creating another. Every provider call is a
 * journal row. A create first takes a slot of the provider account's shared limits (film's
 * {@link FilmLimiter}: tasks at once, creates per minute; the slot is given back when the task
 * ends); a busy account (no slot, 429, Kling 1303, MiniMax 1002) only moves the next try;
 * a passing failure is tried again until the clip's deadline; anything else fails the clip with
 * its reason.
 */
@ApplicationScoped
public class ClipWorker {

    /** The journal operation of a clip's create: the priced row, estimate at the create, actual when its task ends. */
    public static final String CREATE = "clip.create";

    private final FilmJobs jobs;
    private final ClipProviders providers;
    private final PictureReader pictures;
    private final ClipKeeper store;
    private final FilmLimiter limiter;
    private final Journal journal;
    private final FilmConfig config;
    private final FilmCosts costs;
    private final Backoff backoff;

    public ClipWorker(FilmJobs jobs, ClipProviders providers, PictureReader pictures, ClipKeeper store,
            FilmLimiter limiter, Journal journal, FilmConfig config, FilmCosts costs) {
        this.jobs = jobs;
        this.providers = providers;
        this.pictures = pictures;
        this.store = store;
        this.limiter = limiter;
        this.journal = journal;
        this.config = config;
        this.costs = costs;
        this.backoff = new Backoff(config.provider().pollBase(), config.provider().pollMax());
    }

    /** One clip-requested message: admitted once (dedupe, current attempt), then its task is created. */
    public void start(String messageId, ClipRequested request) {
        ClipProvider provider = providers.selected();
        jobs.admit(messageId, request, provider.name(), provider.model()).ifPresent(work -> create(work, false));
    }

    /** One step of a clip the poller holds: create its task when it has none, else poll it. */
    public void advance(Work work) {
        if (work.deadline() != null && Instant.now().isAfter(work.deadline())) {
            release(work);
            jobs.failed(work, "deadline", "the clip did not finish within " + config.provider().deadline()
                    + (work.taskId() == null ? " (no provider task could be started)" : " (task " + work.taskId() + ")"));
            return;
        }
        if (work.taskId() == null) {
            create(work, true);
        } else {
            poll(work);
        }
    }

    /**
     * Creates the clip's provider task under a slot of the account's limits. {@code mayExist}: an
     * earlier create of this attempt may have started a task whose id was never stored (the
     * holder was killed before the commit, or the create's answer was lost); the provider is
     * asked for it by our external id first, where it can tell.
     */
    void create(Work work, boolean mayExist) {
        ClipProvider provider = providers.selected();
        FilmLimiter.Decision permit = limiter.tryStart(account(), slot(work));
        if (!permit.granted()) {
            jobs.defer(work, Instant.now().plus(permit.retryIn()));
            return;
        }
        try {
            ClipRequest request = new ClipRequest(work.storyId(), work.sceneNumber(), work.attempt(),
                    pictures.read(work.imageUrl()), config.provider().prompt());
            String taskId = mayExist ? lookUp(work, provider, request) : null;
            if (taskId == null) {
                try (JournalCall call = JournalCall.priced(journal, subject(work, CREATE, provider), "create",
                        request.externalId(), costs::clip)) {
                    taskId = call(call, "create", () -> provider.create(request));
                    call.success("created", "task " + taskId);
                }
            }
            jobs.taskCreated(work, taskId, Instant.now().plus(config.provider().pollBase()));
            Log.infof("clip task created storyId=%s scene=%d attempt=%d provider=%s task=%s", work.storyId(),
                    work.sceneNumber(), work.attempt(), provider.name(), taskId);
        } catch (RuntimeException e) {
            release(work);
            onFailure(work, e);
        }
    }

    /** The task an earlier create of this attempt started, or null: one journal row {@code clip.lookup}. */
    private String lookUp(Work work, ClipProvider provider, ClipRequest request) {
        try (JournalCall call = JournalCall.open(journal, subject(work, "clip.lookup", provider), "lookup",
                request.externalId())) {
            String found = call(call, "lookup", () -> provider.existing(request)).orElse(null);
            call.success(found == null ? "none" : "found", found == null ? "no earlier task" : "task " + found);
            return found;
        }
    }

    void poll(Work work) {
        ClipProvider provider = providers.selected();
        try {
            ClipTask task = provider.poll(work.taskId());
            switch (task.phase()) {
                case RUNNING -> jobs.reschedule(work, Instant.now().plus(backoff.after(work.polls() + 1)));
                case FAILED -> {
                    journalOutcome(work, provider, task);
                    journal.billed(CREATE, work.storyId(), work.sceneNumber(), work.attempt(), Rate.zero());
                    jobs.failed(work, "provider_failed", task.reason());
                    release(work);
                }
                case SUCCEEDED -> {
                    journalOutcome(work, provider, task);
                    bill(work, task);
                    keep(work, provider, task);
                    release(work);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (onFailure(work, e)) {
                release(work);
            }
        }
    }

    /** The create row's actual cost from the units the provider billed, when it says; else its estimate stands. */
    private void bill(Work work, ClipTask task) {
        BigDecimal billed = costs.billed(task);
        if (billed != null) {
            journal.billed(CREATE, work.storyId(), work.sceneNumber(), work.attempt(), billed);
            Log.infof("clip billed storyId=%s scene=%d attempt=%d units=%s usd=%s", work.storyId(), work.sceneNumber(),
                    work.attempt(), task.units().toPlainString(), billed.toPlainString());
        }
    }

    /** Downloads the finished video at once (provider links expire) and copies it to our store. */
    private void keep(Work work, ClipProvider provider, ClipTask task) throws InterruptedException {
        ClipVideo video;
        try (JournalCall call = JournalCall.open(journal, subject(work, "clip.download", provider), "download",
                task.taskId())) {
            video = call(call, "download", () -> provider.fetch(task));
            call.success("downloaded", video.bytes().length + " bytes " + video.contentType());
        }
        ClipKeeper.Stored stored = store.put(work, video);
        jobs.ready(work, stored.url(), stored.durationMs());
    }

    private void journalOutcome(Work work, ClipProvider provider, ClipTask task) {
        try (JournalCall call = JournalCall.open(journal, subject(work, "clip.poll", provider), "poll", task.taskId())) {
            if (task.phase() == ClipTask.Phase.FAILED) {
                call.failed(task.status(), new IllegalStateException(task.reason()));
            } else {
                call.success(task.status(), "succeeded " + task.videoRef());
            }
        }
    }

    /** Handles a failed step; true when the clip failed for good (its task, if any, is over). */
    private boolean onFailure(Work work, RuntimeException e) {
        if (e instanceof RateLimitedException limited) {
            Duration wait = limited.retryAfter().orElse(config.provider().pollMax());
            Log.infof("clip waits for the provider account storyId=%s scene=%d code=%s wait=%s", work.storyId(),
                    work.sceneNumber(), limited.code(), wait);
            jobs.reschedule(work, Instant.now().plus(wait));
            return false;
        }
        if (e instanceof PictureReader.PictureUnavailable gone) {
            jobs.failed(work, gone.code(), gone.getMessage());
            return true;
        }
        if (e instanceof ProviderException failure && !(e instanceof TransientProviderException)) {
            jobs.failed(work, failure.code(), failure.getMessage());
            return true;
        }
        if (e instanceof ClipKeeper.StoreFailed refused && !refused.transientFailure()) {
            jobs.failed(work, "store_error", refused.getMessage());
            return true;
        }
        Duration wait = backoff.after(work.polls() + 1);
        Log.warnf("clip step failed, trying again storyId=%s scene=%d attempt=%d wait=%s: %s", work.storyId(),
                work.sceneNumber(), work.attempt(), wait, e.toString());
        jobs.reschedule(work, Instant.now().plus(wait));
        return false;
    }

    private void release(Work work) {
        limiter.release(account(), slot(work));
    }

    private String account() {
        return providers.selected().name() + ":" + config.limiter().account();
    }

    private static String slot(Work work) {
        return work.storyId() + ":" + work.sceneNumber();
    }

    private static Journal.Subject subject(Work work, String operation, ClipProvider provider) {
        return new Journal.Subject(operation, work.storyId(), work.sceneNumber(), work.attempt(), provider.name(),
                provider.model());
    }

    /** A provider step that may be interrupted. */
    interface Step<T> {
        T run() throws InterruptedException;
    }

    /** Runs {@code step}, journaling its failure on {@code call} before it propagates. */
    private static <T> T call(JournalCall call, String name, Step<T> step) {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.failed(name, e);
            throw new TransientProviderException("interrupted", e);
        } catch (RuntimeException e) {
            call.failed(name, e);
            throw e;
        }
    }
}
