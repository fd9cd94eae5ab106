package io.taleforge.image.service;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.image.model.ImageJob;
import io.taleforge.image.repository.ImageJobRepository;

/**
 * The job table's state changes, each in its own short transaction. Every change made by a
 * worker is conditional on this instance still holding the lease, so two instances can never
 * both finish the same attempt.
 */
@ApplicationScoped
public class ImageJobService {

    private static final List<ImageStatus.Status> OPEN = List.of(ImageStatus.Status.QUEUED,
            ImageStatus.Status.GENERATING);

    private final ImageJobRepository jobs;

    public ImageJobService(ImageJobRepository jobs) {
        this.jobs = jobs;
    }

    /** What a scene-approved message found in the job table. */
    public sealed interface Claim {
    }

    /** A new job, leased by this instance. */
    public record Created(ImageJob job) implements Claim {
    }

    /** An unfinished job whose lease had expired (its instance died): now leased by this one. */
    public record Resumed(ImageJob job, String previousOwner) implements Claim {
    }

    /** A finished job: re-emit its final status, call nothing. */
    public record Finished(ImageJob job) implements Claim {
    }

    /** An unfinished job leased by another live instance until {@code leaseUntil}. */
    public record Busy(ImageJob job) implements Claim {
    }

    /** A valid scene-approved record to admit, with the {@code traceparent} of its consumer (null when untraced). */
    public record Admitted(SceneApproved event, String traceparent) {
    }

    public Claim claim(Admitted admitted, UUID storyId, String owner, Instant leaseUntil) {
        SceneApproved event = admitted.event();
        Optional<ImageJob> existing = find(storyId, event.sceneNumber(), event.attempt());
        if (existing.isEmpty()) {
            try {
                return new Created(QuarkusTransaction.requiringNew().call(() -> insert(admitted, storyId, owner,
                        leaseUntil)));
            } catch (PersistenceException e) {
                // Another instance inserted the same attempt at the same moment: use its row.
                existing = find(storyId, event.sceneNumber(), event.attempt());
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        ImageJob job = existing.get();
        if (job.status.isFinal()) {
            return new Finished(job);
        }
        boolean taken = takeLease(job.id, owner, leaseUntil);
        ImageJob current = reload(job.id);
        if (current.status.isFinal()) {
            return new Finished(current);
        }
        return taken ? new Resumed(current, job.owner) : new Busy(current);
    }

    /**
     * The new jobs of a poll's records, created in one transaction (one commit instead of one per
     * record): the attempts that have no row yet are inserted QUEUED and leased by this instance,
     * keyed by {@link ImageJob#key()}. Attempts that already have a row are left out (their records
     * go through {@link #claim}); when another instance inserted one of them at the same moment the
     * whole batch rolls back and the map is empty, so every record goes through {@link #claim}.
     */
    public Map<String, ImageJob> createAll(List<Admitted> events, String owner, Instant leaseUntil) {
        if (events.isEmpty()) {
            return Map.of();
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> insertNew(events, owner, leaseUntil));
        } catch (PersistenceException e) {
            Log.infof("admission batch of %d met a concurrent insert, admitting one by one: %s", events.size(),
                    e.getMessage());
            return Map.of();
        }
    }

    private Map<String, ImageJob> insertNew(List<Admitted> events, String owner, Instant leaseUntil) {
        Set<UUID> stories = events.stream().map(e -> UUID.fromString(e.event().storyId()))
                .collect(Collectors.toSet());
        Set<String> existing = jobs.forStories(stories).stream().map(ImageJob::key).collect(Collectors.toSet());
        Map<String, ImageJob> created = new LinkedHashMap<>();
        for (Admitted admitted : events) {
            SceneApproved event = admitted.event();
            String key = ImageJob.key(event.storyId(), event.sceneNumber(), event.attempt());
            if (!existing.contains(key) && !created.containsKey(key)) {
                created.put(key, newJob(admitted, UUID.fromString(event.storyId()), owner, leaseUntil));
            }
        }
        jobs.persist(created.values());
        jobs.flush();
        return created;
    }

    /** Takes the lease of an open job that is free, ours, or expired; true when this instance holds it now. */
    public boolean takeLease(UUID id, String owner, Instant leaseUntil) {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> jobs.takeLease(id, owner, leaseUntil, now));
    }

    /**
     * Before its provider call: the job becomes GENERATING and its lease is renewed, in one
     * conditional statement; false when another instance has taken it over meanwhile, or when the
     * job already has a recorded result (a dead holder stored its image: no call is needed).
     */
    public boolean startGenerating(UUID id, String owner, Instant leaseUntil) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.update(
                "status = :generating, leaseUntil = :until, updatedAt = :now where id = :id and owner = :owner"
                        + " and status in :open and imageUrl is null",
                Parameters.with("generating", ImageStatus.Status.GENERATING).and("until", leaseUntil)
                        .and("now", Instant.now()).and("id", id).and("owner", owner).and("open", OPEN)) == 1);
    }

    /** Open jobs whose lease has expired (their instance died or stalled), oldest first. */
    public List<ImageJob> orphans(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.expired(Instant.now(), limit));
    }

    /** Takes over those of {@code ids} whose lease is still expired, in one statement; the ids this instance holds now. */
    public List<UUID> takeExpired(List<UUID> ids, String owner, Instant leaseUntil) {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> jobs.takeExpired(ids, owner, leaseUntil, now));
        return stillHeld(owner, ids);
    }

    /** Which of {@code ids} this instance still holds the lease of. */
    public List<UUID> stillHeld(String owner, Collection<UUID> ids) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.held(owner, ids));
    }

    private ImageJob insert(Admitted admitted, UUID storyId, String owner, Instant leaseUntil) {
        ImageJob job = newJob(admitted, storyId, owner, leaseUntil);
        jobs.persistAndFlush(job);
        return job;
    }

    private static ImageJob newJob(Admitted admitted, UUID storyId, String owner, Instant leaseUntil) {
        SceneApproved event = admitted.event();
        Instant now = Instant.now();
        ImageJob job = new ImageJob();
        job.id = UUID.randomUUID();
        job.storyId = storyId;
        job.sceneNumber = event.sceneNumber();
        job.attempt = event.attempt();
        job.status = ImageStatus.Status.QUEUED;
        job.prompt = event.prompt();
        job.style = event.style();
        job.size = event.size();
        job.requestedAt = event.requestedAt();
        job.referenceUrl = event.referenceUrl();
        job.traceparent = admitted.traceparent();
        job.owner = owner;
        job.leaseUntil = leaseUntil;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    public Optional<ImageJob> find(UUID storyId, int sceneNumber, int attempt) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.findAttempt(storyId, sceneNumber, attempt));
    }

    public ImageJob reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));
    }

    public List<ImageJob> forStory(UUID storyId) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.forStory(storyId));
    }

    /**
     * The stored image kept on the open job and the job READY (lease let go), in one statement
     * conditional on holding its lease, inside the caller's transaction when there is one: the
     * generation's journal row closes SUCCESS in the same commit ({@code JournalCall.successWith}),
     * so READY, the result and the SUCCESS row are durable together or not at all. On success
     * {@code job} says in memory what the row says now; false when another instance holds the job.
     */
    public boolean keepReady(ImageJob job, String owner, int providerCalls, String imageUrl, String mediaKey,
            String provider, String model, long durationMs) {
        Instant now = Instant.now();
        boolean kept = QuarkusTransaction.joiningExisting().call(() -> jobs.update("imageUrl = :url, mediaKey = :key,"
                + " provider = :provider, model = :model, durationMs = :duration,"
                + " providerCalls = providerCalls + :calls, status = :ready, errorCode = null, errorMessage = null,"
                + " owner = null, leaseUntil = null, updatedAt = :now"
                + " where id = :id and owner = :owner and status in :open and imageUrl is null",
                Parameters.with("url", imageUrl).and("key", mediaKey).and("provider", provider).and("model", model)
                        .and("duration", durationMs).and("calls", providerCalls).and("ready", ImageStatus.Status.READY)
                        .and("now", now).and("id", job.id).and("owner", owner).and("open", OPEN)) == 1);
        if (kept) {
            job.ready(imageUrl, mediaKey, provider, model, durationMs, now);
        }
        return kept;
    }

    /**
     * GENERATING → READY with the result recorded on the row, if still ours. Returns the final job,
     * ours or the one another instance finished.
     */
    public Optional<ImageJob> finishReady(UUID id, String owner) {
        return finish(id, owner, 0, "status = :status, errorCode = null, errorMessage = null, owner = null,"
                + " leaseUntil = null, updatedAt = :now where id = :id and owner = :owner and status in :open"
                + " and imageUrl is not null", Parameters.with("status", ImageStatus.Status.READY));
    }

    /** → FAILED or SKIPPED with the error, if still ours. */
    public Optional<ImageJob> finishFailed(UUID id, String owner, int providerCalls, ImageStatus.Status status,
            String provider, String model, String code, String message) {
        return finish(id, owner, providerCalls, "status = :status, provider = :provider, model = :model, errorCode = :code,"
                + " errorMessage = :message, owner = null, leaseUntil = null, updatedAt = :now"
                + " where id = :id and owner = :owner and status in :open",
                Parameters.with("status", status).and("provider", provider).and("model", model).and("code", code)
                        .and("message", message));
    }

    /** One transaction: the conditional update (with the provider calls made), then the row as it is now. */
    private Optional<ImageJob> finish(UUID id, String owner, int providerCalls, String query, Parameters params) {
        ImageJob job = QuarkusTransaction.requiringNew().call(() -> {
            jobs.update("providerCalls = providerCalls + :calls, " + query, params.and("calls", providerCalls)
                    .and("now", Instant.now()).and("id", id).and("owner", owner).and("open", OPEN));
            jobs.getEntityManager().clear();
            return jobs.findById(id);
        });
        return job != null && job.status.isFinal() ? Optional.of(job) : Optional.empty();
    }

    public int extendLeases(String owner, Collection<UUID> ids, Instant until) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.extendLeases(owner, ids, until));
    }

    /** On shutdown: lets another instance resume these jobs at once instead of after the lease. */
    public void releaseLeases(String owner, Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> jobs.extendLeases(owner, ids, Instant.now().minusSeconds(1)));
        }
    }
}
