package io.taleforge.image.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.taleforge.commons.journal.Journal;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.mapping.ImageStatusMapper;
import io.taleforge.image.messaging.ImageStatusPublisher;
import io.taleforge.image.model.ImageJob;

/**
 * The image workers of this instance.
 *
 * <p>Admission (one thread): a scene-approved record becomes a job row (or finds its existing
 * one), QUEUED is emitted and the job waits in the {@link FairQueue}. Admission answers the
 * consumer as soon as the job is queued, and blocks only while {@code max-pending} jobs are
 * already held, which pauses the Kafka partitions without ever delaying the poll loop.
 *
 * <p>Dispatch (one thread): takes a free slot (at most {@code concurrency} generations at once),
 * the next job round-robin across stories, and a permit of the global rate limiter, then hands
 * the job to a worker thread. Permits are taken only when a slot is free, so provider calls are
 * spaced as the bucket grants them.
 *
 * <p>A record is acknowledged only once its outcome is durable: the job row final and the final
 * image-status acknowledged by the broker. FAILED and SKIPPED records are nacked into the
 * dead-letter topic (never silently acked). A record whose job is leased by another live
 * instance waits for that lease; one whose lease expired is resumed.
 */
@ApplicationScoped
public class ImageWorkers {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final ImageJobService jobs;
    private final GenerationService generation;
    private final RedisRateLimiter limiter;
    private final ImageStatusPublisher publisher;
    private final Journal journal;
    private final ImageConfig config;
    private final String owner;

    private final FairQueue<Held> queue = new FairQueue<>();
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Semaphore pending;
    private final Semaphore slots;
    private final ExecutorService admission = Executors.newSingleThreadExecutor(named("image-admission"));
    private final ExecutorService workers;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("image-timers"));
    private final Thread dispatcher;
    private volatile boolean running = true;

    /** A job this instance holds, with every record that asked for it (a redelivery joins here). */
    static final class Held {
        final ImageJob job;
        final List<Message<?>> messages = new ArrayList<>();
        volatile Instant permitAt;

        Held(ImageJob job, Message<?> message) {
            this.job = job;
            this.messages.add(message);
        }
    }

    public ImageWorkers(ImageJobService jobs, GenerationService generation, RedisRateLimiter limiter,
            ImageStatusPublisher publisher, Journal journal, ImageConfig config) {
        this.jobs = jobs;
        this.generation = generation;
        this.limiter = limiter;
        this.publisher = publisher;
        this.journal = journal;
        this.config = config;
        this.owner = config.instanceId().orElse("image-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        this.pending = new Semaphore(Math.max(1, config.maxPending()));
        this.slots = new Semaphore(Math.max(1, config.concurrency()));
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), named("image-worker"));
        this.dispatcher = named("image-dispatcher").newThread(this::dispatch);
    }

    void onStart(@Observes StartupEvent event) {
        dispatcher.start();
        long beat = config.lease().heartbeat().toMillis();
        timers.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        Log.infof("image workers started instance=%s concurrency=%d maxPending=%d provider=%s account=%s",
                owner, config.concurrency(), config.maxPending(), generation.provider().name(), generation.account());
    }

    public String owner() {
        return owner;
    }

    /** Admits one scene-approved record; the stage completes once it is queued (not generated). */
    public CompletionStage<Void> admit(Message<String> message) {
        return CompletableFuture.runAsync(() -> admitNow(message), admission);
    }

    private void admitNow(Message<String> message) {
        if (!running) {
            return; // shutting down: left unacknowledged, redelivered to another instance
        }
        SceneApproved event;
        try {
            event = JSON.readValue(message.getPayload(), SceneApproved.class);
        } catch (Exception e) {
            reject(message, null, "invalid_message", "payload is not a scene-approved event: " + e.getMessage());
            return;
        }
        String invalid = validate(event);
        if (invalid != null) {
            reject(message, event, "invalid_message", invalid);
            return;
        }
        UUID storyId = UUID.fromString(event.storyId());
        String key = ImageJob.key(storyId.toString(), event.sceneNumber(), event.attempt());
        synchronized (held) {
            Held already = held.get(key);
            if (already != null) {
                already.messages.add(message);
                Log.infof("redelivered while in progress here story=%s scene=%d attempt=%d", storyId,
                        event.sceneNumber(), event.attempt());
                return;
            }
        }
        ImageJobService.Claim claim;
        try {
            claim = jobs.claim(event, storyId, owner, leaseUntil());
        } catch (RuntimeException e) {
            Log.errorf(e, "job table unavailable story=%s scene=%d attempt=%d", storyId, event.sceneNumber(),
                    event.attempt());
            message.nack(e);
            return;
        }
        if (claim instanceof ImageJobService.Created c) {
            enqueue(c.job(), message, false);
        } else if (claim instanceof ImageJobService.Resumed r) {
            enqueue(r.job(), message, true);
        } else if (claim instanceof ImageJobService.Finished f) {
            Log.infof("already finished story=%s scene=%d attempt=%d status=%s: re-emitting, no provider call",
                    storyId, event.sceneNumber(), event.attempt(), f.job().status);
            publishFinal(f.job()).whenComplete((ok, failure) -> {
                if (failure == null) {
                    message.ack();
                } else {
                    message.nack(failure);
                }
            });
        } else if (claim instanceof ImageJobService.Busy b) {
            long wait = Math.max(200, Math.min(config.lease().ttl().toMillis(),
                    b.job().leaseUntil == null ? 0 : b.job().leaseUntil.toEpochMilli() - System.currentTimeMillis() + 100));
            Log.infof("held by instance=%s story=%s scene=%d attempt=%d: checking again in %d ms", b.job().owner,
                    storyId, event.sceneNumber(), event.attempt(), wait);
            timers.schedule(() -> admission.execute(() -> admitNow(message)), wait, TimeUnit.MILLISECONDS);
        }
    }

    private void enqueue(ImageJob job, Message<?> message, boolean resumed) {
        try {
            pending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Held h = new Held(job, message);
        held.put(job.key(), h);
        Log.infof("%s story=%s scene=%d attempt=%d", resumed ? "resumed" : "queued", job.storyId, job.sceneNumber,
                job.attempt);
        publisher.publish(ImageStatusMapper.status(queuedView(job), Instant.now()));
        queue.put(job.storyId.toString(), h);
    }

    private static ImageJob queuedView(ImageJob job) {
        job.status = ImageStatus.Status.QUEUED;
        return job;
    }

    private void dispatch() {
        while (running) {
            Held next = null;
            try {
                slots.acquire();
                next = queue.take();
                limiter.acquire(generation.account());
                next.permitAt = Instant.now();
                Held job = next;
                workers.execute(() -> {
                    try {
                        run(job);
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
                    abandon(next, e);
                }
            }
        }
    }

    private void run(Held h) {
        ImageJob job = h.job;
        try {
            DeferredWrites writes = generation.newWrites();
            // the mark is informational (GET /images); every write that finishes a job checks the lease itself
            writes.later(() -> jobs.markGenerating(job.id, owner));
            job.status = ImageStatus.Status.GENERATING;
            publisher.publish(ImageStatusMapper.status(job, h.permitAt));
            Log.infof("generating story=%s scene=%d attempt=%d", job.storyId, job.sceneNumber, job.attempt);
            GenerationService.Outcome outcome = generation.generate(job, writes);
            writes.await();
            if (!running) {
                return; // shutting down mid-call: the next instance resumes it
            }
            java.util.Optional<ImageJob> done;
            if (outcome instanceof GenerationService.Ready r) {
                done = jobs.finishReady(job.id, owner, r.providerCalls(), r.media().url(), r.media().key(),
                        r.provider(), r.model(), r.providerMs());
            } else {
                GenerationService.Failed f = (GenerationService.Failed) outcome;
                done = jobs.finishFailed(job.id, owner, f.providerCalls(), ImageStatus.Status.FAILED, f.provider(),
                        f.model(), f.code(), f.message());
            }
            if (done.isEmpty()) {
                lost(h);
                return;
            }
            complete(h, done.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(h);
        } catch (RuntimeException e) {
            Log.errorf(e, "unexpected failure story=%s scene=%d attempt=%d", job.storyId, job.sceneNumber,
                    job.attempt);
            abandon(h, e);
        }
    }

    /** Publishes the final status, then acknowledges (READY) or dead-letters (FAILED, SKIPPED). */
    private void complete(Held h, ImageJob done) {
        try {
            publishFinal(done).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.errorf(e, "final status not published story=%s scene=%d attempt=%d", done.storyId,
                    done.sceneNumber, done.attempt);
            abandon(h, e);
            return;
        }
        List<Message<?>> messages = drain(h);
        if (done.status == ImageStatus.Status.READY) {
            Log.infof("ready story=%s scene=%d attempt=%d url=%s providerMs=%d", done.storyId, done.sceneNumber,
                    done.attempt, done.imageUrl, done.durationMs);
            messages.forEach(Message::ack);
        } else {
            Log.warnf("%s story=%s scene=%d attempt=%d code=%s: %s", done.status, done.storyId, done.sceneNumber,
                    done.attempt, done.errorCode, done.errorMessage);
            ImageFailedException failure = new ImageFailedException(done.errorCode, done.errorMessage);
            messages.forEach(m -> m.nack(failure));
        }
    }

    private CompletableFuture<Void> publishFinal(ImageJob job) {
        return publisher.publish(ImageStatusMapper.status(job, job.updatedAt));
    }

    /** Another instance took the job over (this one lost its lease): its outcome is theirs. */
    private void lost(Held h) {
        ImageJob now = jobs.reload(h.job.id);
        if (now != null && now.status.isFinal()) {
            complete(h, now);
            return;
        }
        Log.warnf("lease lost story=%s scene=%d attempt=%d to instance=%s", h.job.storyId, h.job.sceneNumber,
                h.job.attempt, now == null ? null : now.owner);
        drain(h).forEach(Message::ack);
    }

    /** Processing broke (database or broker trouble): dead-letter, never a silent ack. */
    private void abandon(Held h, Throwable e) {
        drain(h).forEach(m -> m.nack(e));
    }

    /** Shutdown: the records stay unacknowledged and the lease is released for another instance. */
    private void release(Held h) {
        synchronized (held) {
            held.remove(h.job.key());
        }
        pending.release();
    }

    private List<Message<?>> drain(Held h) {
        List<Message<?>> messages;
        synchronized (held) {
            held.remove(h.job.key());
            messages = new ArrayList<>(h.messages);
        }
        pending.release();
        return messages;
    }

    private void reject(Message<String> message, SceneApproved event, String code, String reason) {
        UUID storyId = null;
        try {
            storyId = event == null || event.storyId() == null ? null : UUID.fromString(event.storyId());
        } catch (IllegalArgumentException ignored) {
            // not a story id: journaled without it
        }
        journal.skipped(new Journal.Subject(GenerationService.OP_GENERATE, storyId,
                event == null ? null : event.sceneNumber(), event == null ? null : event.attempt(),
                generation.provider().name(), generation.provider().model()), "validate",
                message.getPayload() == null ? null : message.getPayload(), reason);
        ImageFailedException failure = new ImageFailedException(code, reason);
        if (event != null && event.storyId() != null) {
            publisher.publish(new ImageStatus(event.storyId(), event.sceneNumber(), event.attempt(),
                    ImageStatus.Status.SKIPPED, null, generation.provider().name(), generation.provider().model(),
                    null, new ImageStatus.ImageError(code, reason), Instant.now()))
                    .whenComplete((ok, e) -> message.nack(failure));
        } else {
            message.nack(failure);
        }
    }

    static String validate(SceneApproved e) {
        if (e.storyId() == null) {
            return "storyId is missing";
        }
        try {
            UUID.fromString(e.storyId());
        } catch (IllegalArgumentException ex) {
            return "storyId is not a UUID";
        }
        if (e.sceneNumber() < 1 || e.sceneNumber() > 20) {
            return "sceneNumber must be between 1 and 20";
        }
        if (e.attempt() < 1) {
            return "attempt must be 1 or more";
        }
        if (e.prompt() == null || e.prompt().isBlank()) {
            return "prompt is empty";
        }
        return null;
    }

    private Instant leaseUntil() {
        return Instant.now().plus(config.lease().ttl());
    }

    private void heartbeat() {
        try {
            List<UUID> ids = held.values().stream().map(h -> h.job.id).toList();
            jobs.extendLeases(owner, ids, leaseUntil());
        } catch (RuntimeException e) {
            Log.warnf("lease heartbeat failed instance=%s: %s", owner, e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        shutdown();
    }

    @PreDestroy
    void shutdown() {
        if (!running) {
            return;
        }
        running = false;
        dispatcher.interrupt();
        workers.shutdownNow();
        admission.shutdownNow();
        timers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            jobs.releaseLeases(owner, held.values().stream().map(h -> h.job.id).toList());
        } catch (Exception e) {
            Log.warnf("leases not released on shutdown instance=%s: %s", owner, e.getMessage());
        }
        Log.infof("image workers stopped instance=%s, %d unfinished jobs left to the other instances", owner,
                held.size());
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The reason a record went to the dead-letter topic: the code and message of FAILED or SKIPPED. */
    public static final class ImageFailedException extends RuntimeException {

        private final String code;

        public ImageFailedException(String code, String message) {
            super(code + ": " + message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
