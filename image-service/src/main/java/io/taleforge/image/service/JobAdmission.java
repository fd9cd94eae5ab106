package io.taleforge.image.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.taleforge.commons.tracing.TraceContext;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.image.model.ImageJob;

/**
 * Admission (one thread): a valid scene-approved record becomes a job row (or finds its existing
 * one), and the job is held here and queued. Admission answers the consumer as soon as the job is
 * queued, and blocks only while {@code max-pending} jobs are already held, which pauses the Kafka
 * partitions without ever delaying the poll loop. A record whose job is leased by another live
 * instance waits for that lease. The sweep admits the jobs whose lease expired (their instance
 * died) without waiting for their records to be redelivered.
 */
@ApplicationScoped
public class JobAdmission {

    private final ImageJobService jobs;
    private final HeldJobs held;
    private final JobLeases leases;
    private final JobDispatch dispatch;
    private final JobOutcomes outcomes;
    private final ExecutorService admission = Executors.newSingleThreadExecutor(Threads.named("image-admission"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Threads.named("image-timers"));
    private final ConcurrentLinkedQueue<Waiting> arrived = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    public JobAdmission(ImageJobService jobs, HeldJobs held, JobLeases leases, JobDispatch dispatch,
            JobOutcomes outcomes) {
        this.jobs = jobs;
        this.held = held;
        this.leases = leases;
        this.dispatch = dispatch;
        this.outcomes = outcomes;
    }

    /**
     * Takes one valid record for admission. The connector hands records over one at a time, each
     * after the stage of the one before completed: while there is room for every record waiting,
     * the stage completes at once, so a poll's records wait here together and are admitted
     * together (their new jobs inserted in one transaction, {@link ImageJobService#createAll});
     * beyond that room it completes once the record is admitted, which pauses the partitions.
     * Acknowledgement is separate (once the outcome is durable): a record still waiting here when
     * the instance dies is redelivered.
     */
    public CompletionStage<Void> admit(Message<SceneApproved> message) {
        Waiting waiting = new Waiting(message, new CompletableFuture<>());
        arrived.add(waiting);
        admission.execute(this::admitArrived);
        return arrived.size() < held.room() ? CompletableFuture.completedFuture(null) : waiting.queued();
    }

    /** Refuses an invalid record: SKIPPED with the reason, then dead-lettered (see {@link JobOutcomes#refuse}). */
    public CompletionStage<Void> refuse(Message<SceneApproved> message, String reason) {
        return CompletableFuture.runAsync(() -> outcomes.refuse(message, reason), admission);
    }

    /** A record waiting for admission, and the stage the consumer is given for it. */
    private record Waiting(Message<SceneApproved> message, CompletableFuture<Void> queued) {
    }

    /**
     * Admits the records that arrived so far, as many as there is room for (so no job waits leased
     * but unheld); each record queued one run, so a later run takes the rest or finds none left.
     */
    private void admitArrived() {
        List<Waiting> batch = new ArrayList<>();
        int most = Math.max(1, held.room());
        for (Waiting w = arrived.poll(); w != null; w = batch.size() < most ? arrived.poll() : null) {
            batch.add(w);
        }
        if (batch.isEmpty() || !running) {
            batch.forEach(w -> w.queued().complete(null)); // shutting down: left unacknowledged, redelivered
            return;
        }
        Map<String, ImageJob> created = createAll(batch);
        for (Waiting w : batch) {
            try {
                ImageJob job = created.remove(keyOf(w.message()));
                if (job != null && running) {
                    hold(job, w.message(), false);
                } else {
                    admitNow(w.message());
                }
                w.queued().complete(null);
            } catch (RuntimeException e) {
                w.queued().completeExceptionally(e);
            }
        }
    }

    /** The new jobs of the records not already held here, in one transaction; empty when the table failed. */
    private Map<String, ImageJob> createAll(List<Waiting> batch) {
        List<ImageJobService.Admitted> fresh = batch.stream().map(Waiting::message)
                .filter(m -> !held.holds(keyOf(m))).map(JobAdmission::admitted).toList();
        try {
            return new HashMap<>(jobs.createAll(fresh, leases.owner(), leases.until()));
        } catch (RuntimeException e) {
            Log.warnf("admission batch failed, admitting one by one: %s", e.getMessage());
            return new HashMap<>();
        }
    }

    private static String keyOf(Message<SceneApproved> message) {
        SceneApproved event = message.getPayload();
        return ImageJob.key(event.storyId(), event.sceneNumber(), event.attempt());
    }

    /**
     * The record with its consumer's trace (the context the connector attached to it, read here on
     * the admission thread), stored on a new job so its worker runs under it later.
     */
    private static ImageJobService.Admitted admitted(Message<SceneApproved> message) {
        Context consumer = message.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                .orElseGet(Context::current);
        return new ImageJobService.Admitted(message.getPayload(), TraceContext.traceparent(consumer));
    }

    private void admitNow(Message<SceneApproved> message) {
        if (!running) {
            return; // shutting down: left unacknowledged, redelivered to another instance
        }
        SceneApproved event = message.getPayload();
        UUID storyId = UUID.fromString(event.storyId());
        if (held.join(keyOf(message), message)) {
            Log.infof("redelivered while in progress here story=%s scene=%d attempt=%d", storyId,
                    event.sceneNumber(), event.attempt());
            return;
        }
        ImageJobService.Claim claim;
        try {
            claim = jobs.claim(admitted(message), storyId, leases.owner(), leases.until());
        } catch (RuntimeException e) {
            Log.errorf(e, "job table unavailable story=%s scene=%d attempt=%d", storyId, event.sceneNumber(),
                    event.attempt());
            message.nack(e);
            return;
        }
        if (claim instanceof ImageJobService.Created c) {
            hold(c.job(), message, false);
        } else if (claim instanceof ImageJobService.Resumed r) {
            leases.tookOver(r.job(), r.previousOwner());
            hold(r.job(), message, true);
        } else if (claim instanceof ImageJobService.Finished f) {
            outcomes.alreadyFinished(message, f.job());
        } else if (claim instanceof ImageJobService.Busy b) {
            checkAgainLater(message, b.job());
        }
    }

    private void hold(ImageJob job, Message<?> message, boolean resumed) {
        HeldJobs.Held h;
        try {
            h = held.hold(job, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (h != null) {
            dispatch.enqueue(h, resumed);
        }
    }

    /** Another live instance holds the job: look again when its lease could have expired. */
    private void checkAgainLater(Message<SceneApproved> message, ImageJob busy) {
        long ttl = leases.ttl().toMillis();
        long left = busy.leaseUntil == null ? 0 : busy.leaseUntil.toEpochMilli() - System.currentTimeMillis() + 100;
        long wait = Math.max(200, Math.min(ttl, left));
        Log.infof("held by instance=%s story=%s scene=%d attempt=%d: checking again in %d ms", busy.owner,
                busy.storyId, busy.sceneNumber, busy.attempt, wait);
        timers.schedule(() -> admission.execute(() -> admitNow(message)), wait, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes over the open jobs whose lease expired, as many as there is room for, in one statement:
     * a killed instance's work resumes within a lease, not after a consumer-group rebalance. It runs
     * on the timer thread, not behind the records waiting for admission.
     */
    void sweep() {
        if (!running || held.room() == 0) {
            return;
        }
        try {
            List<ImageJob> orphans = jobs.orphans(held.room());
            if (orphans.isEmpty()) {
                return;
            }
            Set<UUID> ours = Set.copyOf(jobs.takeExpired(orphans.stream().map(j -> j.id).toList(), leases.owner(),
                    leases.until()));
            orphans.stream().filter(orphan -> ours.contains(orphan.id)).forEach(this::resume);
        } catch (RuntimeException e) {
            Log.warnf("lease sweep failed instance=%s: %s", leases.owner(), e.getMessage());
        }
    }

    /** A job taken over by the sweep (its lease is ours): close its interrupted calls, then queue it. */
    private void resume(ImageJob orphan) {
        String previousOwner = orphan.owner;
        HeldJobs.Held h = held.tryHold(orphan);
        if (h == null) {
            return; // already held here (its record came back meanwhile), or no room left: the lease lapses again
        }
        leases.tookOver(orphan, previousOwner);
        dispatch.enqueue(h, true);
    }

    void start() {
        long beat = leases.heartbeat().toMillis();
        timers.scheduleWithFixedDelay(this::sweep, beat, beat, TimeUnit.MILLISECONDS);
    }

    void stop() {
        running = false;
        admission.shutdownNow();
        timers.shutdownNow();
    }
}
