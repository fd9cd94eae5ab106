package io.taleforge.image.service;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.taleforge.commons.logging.LogContext;
import io.taleforge.commons.tracing.TraceContext;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.mapping.ImageStatusMapper;
import io.taleforge.image.messaging.ImageStatusPublisher;
import io.taleforge.image.model.ImageJob;

/**
 * Dispatch (one thread): takes a free slot (at most {@code concurrency} generations at once), the
 * next job round-robin across stories ({@link FairQueue}), and a permit of the global rate
 * limiter, then hands the job to a worker thread. Permits are taken only when a slot is free, so
 * provider calls are spaced as the bucket grants them.
 */
@ApplicationScoped
public class JobDispatch {

    private final ImageJobService jobs;
    private final GenerationService generation;
    private final RedisRateLimiter limiter;
    private final ImageStatusPublisher publisher;
    private final JobLeases leases;
    private final JobOutcomes outcomes;
    private final FairQueue<HeldJobs.Held> queue = new FairQueue<>();
    private final Semaphore slots;
    private final ExecutorService workers;
    private final Thread dispatcher;
    private volatile boolean running = true;

    public JobDispatch(ImageJobService jobs, GenerationService generation, RedisRateLimiter limiter,
            ImageStatusPublisher publisher, JobLeases leases, JobOutcomes outcomes, ImageConfig config) {
        this.jobs = jobs;
        this.generation = generation;
        this.limiter = limiter;
        this.publisher = publisher;
        this.leases = leases;
        this.outcomes = outcomes;
        this.slots = new Semaphore(Math.max(1, config.concurrency()));
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), Threads.named("image-worker"));
        this.dispatcher = Threads.named("image-dispatcher").newThread(this::dispatch);
    }

    void start() {
        dispatcher.start();
    }

    /** Publishes QUEUED and puts the job in line. */
    public void enqueue(HeldJobs.Held h, boolean resumed) {
        ImageJob job = h.job;
        Log.infof("%s story=%s scene=%d attempt=%d", resumed ? "resumed" : "queued", job.storyId, job.sceneNumber,
                job.attempt);
        job.status = ImageStatus.Status.QUEUED;
        publisher.publish(ImageStatusMapper.status(job, Instant.now()));
        queue.put(job.storyId.toString(), h);
    }

    private void dispatch() {
        while (running) {
            HeldJobs.Held next = null;
            try {
                slots.acquire();
                next = queue.take();
                Start start = start(next);
                if (start == Start.LOST) {
                    slots.release();
                    continue;
                }
                if (start == Start.GENERATE) {
                    limiter.acquire(generation.account());
                    next.permitAt = Instant.now();
                }
                HeldJobs.Held job = next;
                workers.execute(() -> {
                    try (LogContext ids = LogContext.of(job.job.storyId, job.job.sceneNumber, job.job.attempt);
                            Scope trace = TraceContext.parse(job.job.traceparent).makeCurrent()) {
                        if (start == Start.GENERATE) {
                            run(job);
                        } else {
                            finishRecorded(job);
                        }
                    } finally {
                        slots.release();
                    }
                });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "dispatcher error");
                slots.release();
                if (next != null) {
                    outcomes.abandon(next, e);
                }
            }
        }
    }

    /** What a queued job needs: a provider call, only its recorded result written READY, or nothing (lost). */
    private enum Start {
        GENERATE, RECORDED, LOST
    }

    /**
     * Renews the job's lease and marks it GENERATING, before its permit is taken (so the permit
     * turns into a call at once, as before). A job whose result a dead holder already recorded
     * needs no call and no permit; a job another instance took over meanwhile is lost.
     */
    private Start start(HeldJobs.Held h) {
        long since = System.nanoTime();
        if (jobs.startGenerating(h.job.id, leases.owner(), leases.until())) {
            leases.confirmed(h, since);
            return Start.GENERATE;
        }
        ImageJob now = jobs.reload(h.job.id);
        if (now != null && !now.status.isFinal() && leases.owner().equals(now.owner) && now.resultRecorded()) {
            leases.confirmed(h, since);
            return Start.RECORDED;
        }
        outcomes.lost(h);
        return Start.LOST;
    }

    /** A taken-over job whose image is already stored and recorded: READY with that URL, no provider call. */
    private void finishRecorded(HeldJobs.Held h) {
        h.phase.set(HeldJobs.Phase.FINISHING);
        ImageJob job = h.job;
        Log.infof("result already recorded story=%s scene=%d attempt=%d: finishing READY, no provider call",
                job.storyId, job.sceneNumber, job.attempt);
        try {
            complete(h, jobs.finishReady(job.id, leases.owner()));
        } catch (RuntimeException e) {
            outcomes.abandon(h, e);
        }
    }

    private void run(HeldJobs.Held h) {
        ImageJob job = h.job;
        try {
            h.worker = Thread.currentThread();
            h.phase.set(HeldJobs.Phase.RUNNING);
            job.status = ImageStatus.Status.GENERATING;
            publisher.publish(ImageStatusMapper.status(job, h.permitAt));
            Log.infof("generating story=%s scene=%d attempt=%d", job.storyId, job.sceneNumber, job.attempt);
            // the stored result makes the job READY in its journal row's commit; fencing no longer stops it from there
            GenerationService.Outcome outcome = generation.generate(job, ready -> h.finishing() && jobs.keepReady(job,
                    leases.owner(), ready.providerCalls(), ready.media().url(), ready.media().key(), ready.provider(),
                    ready.model(), ready.providerMs()));
            finish(h, outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped(h);
        } catch (RuntimeException e) {
            Log.errorf(e, "unexpected failure story=%s scene=%d attempt=%d", job.storyId, job.sceneNumber,
                    job.attempt);
            outcomes.abandon(h, e);
        }
    }

    /** Writes the outcome if the job is still ours, then publishes and settles it. */
    private void finish(HeldJobs.Held h, GenerationService.Outcome outcome) {
        if (!running) {
            outcomes.release(h); // shutting down mid-call: the next instance resumes it (or re-emits its READY)
            return;
        }
        if (outcome instanceof GenerationService.Ready) {
            outcomes.complete(h, h.job); // READY already, written with the result and its journal row
            return;
        }
        if (outcome instanceof GenerationService.LeaseLost || !h.finishing()) {
            Thread.interrupted(); // fenced just as the call ended: the bookkeeping must not be interrupted
            outcomes.lost(h);
            return;
        }
        GenerationService.Failed f = (GenerationService.Failed) outcome;
        complete(h, jobs.finishFailed(h.job.id, leases.owner(), f.providerCalls(), ImageStatus.Status.FAILED,
                f.provider(), f.model(), f.code(), f.message()));
    }

    /** Publishes and settles the job finished here, or hands it over when another instance holds it. */
    private void complete(HeldJobs.Held h, Optional<ImageJob> done) {
        if (done.isEmpty()) {
            outcomes.lost(h);
            return;
        }
        outcomes.complete(h, done.get());
    }

    /** The call was stopped: by the shutdown (records left for another instance) or by fencing. */
    private void stopped(HeldJobs.Held h) {
        if (h.fenced() && running) {
            Thread.interrupted(); // the bookkeeping below must not be interrupted in its turn
            outcomes.lost(h);
        } else {
            outcomes.release(h);
        }
    }

    void stop() {
        running = false;
        dispatcher.interrupt();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
