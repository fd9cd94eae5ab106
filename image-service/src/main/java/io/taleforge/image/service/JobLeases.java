package io.taleforge.image.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.journal.Journal;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.model.ImageJob;

/**
 * The leases of the jobs this instance holds. A lease lasts {@code lease.ttl} (5 s) and is renewed
 * every {@code lease.heartbeat} (1 s), so a killed instance's jobs are free again a few seconds
 * after it died, and another instance's sweep resumes them.
 *
 * <p>Never twice at once: an instance that has not confirmed a job's lease for
 * {@code ttl - fence-margin} stops that job's call itself (fencing), before any other instance can
 * see the lease expire; and every write that finishes a job is conditional on still holding it.
 */
@ApplicationScoped
public class JobLeases {

    private final ImageJobService jobs;
    private final HeldJobs held;
    private final Journal journal;
    private final ImageConfig.Lease config;
    private final String owner;
    /** Two threads: the heartbeat (database) and the fence check (never waits for the database). */
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, Threads.named("image-leases"));

    public JobLeases(ImageJobService jobs, HeldJobs held, Journal journal, ImageConfig config) {
        this.jobs = jobs;
        this.held = held;
        this.journal = journal;
        this.config = config.lease();
        this.owner = config.instanceId().orElse("image-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** This instance's name in job leases. */
    public String owner() {
        return owner;
    }

    /** The end of a lease taken or renewed now. */
    public Instant until() {
        return Instant.now().plus(config.ttl());
    }

    public Duration heartbeat() {
        return config.heartbeat();
    }

    public Duration ttl() {
        return config.ttl();
    }

    /** Marks the lease of {@code h} confirmed now (just taken or renewed in the database). */
    public void confirmed(HeldJobs.Held h, long sinceNanos) {
        h.leaseConfirmedNanos = sinceNanos;
    }

    /**
     * The heartbeat: renews the lease of every held job, then fences the running ones whose lease
     * could not be proven for too long or that another instance holds now.
     */
    public void renew() {
        List<HeldJobs.Held> all = List.copyOf(held.all());
        if (all.isEmpty()) {
            return;
        }
        long beat = System.nanoTime();
        try {
            List<UUID> ids = all.stream().map(h -> h.job.id).toList();
            int renewed = jobs.extendLeases(owner, ids, until());
            Set<UUID> ours = renewed == ids.size() ? Set.copyOf(ids) : new HashSet<>(jobs.stillHeld(owner, ids));
            for (HeldJobs.Held h : all) {
                if (ours.contains(h.job.id)) {
                    confirmed(h, beat);
                } else {
                    fence(h, "another instance holds the job now");
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("lease heartbeat failed instance=%s: %s", owner, e.getMessage());
        }
    }

    /**
     * Stops the running jobs whose lease this instance could not prove for longer than it may. It
     * runs on its own thread, so a heartbeat stuck in the database cannot delay it.
     */
    void fenceUnproven() {
        List<HeldJobs.Held> all = List.copyOf(held.all());
        long limit = config.ttl().minus(config.fenceMargin()).toNanos();
        long now = System.nanoTime();
        for (HeldJobs.Held h : all) {
            if (h.phase.get() == HeldJobs.Phase.RUNNING && now - h.leaseConfirmedNanos > limit) {
                fence(h, "lease not renewed for " + Duration.ofNanos(now - h.leaseConfirmedNanos).toMillis() + " ms");
            }
        }
    }

    /** Stops a job in its provider call; a queued job re-takes its lease before it runs, a finishing one is fenced by its writes. */
    private void fence(HeldJobs.Held h, String why) {
        if (h.fence()) {
            Log.warnf("fenced story=%s scene=%d attempt=%d instance=%s: %s; the call is stopped", h.job.storyId,
                    h.job.sceneNumber, h.job.attempt, owner, why);
        }
    }

    /**
     * Another instance's job is ours now: the calls its dead instance left STARTED in the journal
     * are closed with the reason, as interrupted, or as recovered successes when the job already
     * holds its stored image (the instance died after keeping the result, before its SUCCESS row).
     */
    public void tookOver(ImageJob job, String previousOwner) {
        String reason = "instance " + previousOwner + " stopped holding the job (lease expired); taken over by "
                + owner;
        boolean kept = jobs.reload(job.id).resultRecorded();
        int closed = 0;
        for (String operation : List.of(GenerationService.OP_GENERATE, GenerationService.OP_UPLOAD)) {
            closed += kept
                    ? journal.recovered(operation, job.storyId, job.sceneNumber, job.attempt,
                            reason + "; the image was stored and recorded on the job before it stopped")
                    : journal.interrupted(operation, job.storyId, job.sceneNumber, job.attempt, reason);
        }
        Log.infof("taken over story=%s scene=%d attempt=%d from instance=%s interruptedCalls=%d", job.storyId,
                job.sceneNumber, job.attempt, previousOwner, closed);
    }

    void start() {
        long beat = config.heartbeat().toMillis();
        timers.scheduleWithFixedDelay(this::renew, beat, beat, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::fenceUnproven, beat / 2, Math.max(1, beat / 2), TimeUnit.MILLISECONDS);
    }

    void stop() {
        timers.shutdownNow();
    }

    /** On shutdown: lets another instance resume these jobs at once instead of after the lease. */
    public void release(List<UUID> ids) {
        jobs.releaseLeases(owner, ids);
    }
}
