package io.taleforge.image.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.image.model.ImageJob;

/** Queries of {@link ImageJob}; the lease updates are single conditional statements (atomic). */
@ApplicationScoped
public class ImageJobRepository implements PanacheRepositoryBase<ImageJob, UUID> {

    private static final List<ImageStatus.Status> OPEN = List.of(ImageStatus.Status.QUEUED,
            ImageStatus.Status.GENERATING);

    public Optional<ImageJob> findAttempt(UUID storyId, int sceneNumber, int attempt) {
        return find("storyId = ?1 and sceneNumber = ?2 and attempt = ?3", storyId, sceneNumber, attempt)
                .firstResultOptional();
    }

    public List<ImageJob> forStory(UUID storyId) {
        return list("storyId", Sort.ascending("sceneNumber", "attempt"), storyId);
    }

    /** Every job of these stories (admission looks for the attempts that already have a row). */
    public List<ImageJob> forStories(Collection<UUID> storyIds) {
        return list("storyId in ?1", storyIds);
    }

    /** Takes the lease when it is free, ours, or expired; true when this instance now holds it. */
    public boolean takeLease(UUID id, String owner, Instant until, Instant now) {
        return update("owner = :owner, leaseUntil = :until, updatedAt = :now where id = :id"
                + " and status in :open and (owner is null or owner = :owner or leaseUntil < :now)",
                Parameters.with("owner", owner).and("until", until).and("now", now).and("id", id)
                        .and("open", OPEN)) == 1;
    }

    /** Takes the leases of those of {@code ids} that are open and expired before {@code now}, in one statement. */
    public int takeExpired(Collection<UUID> ids, String owner, Instant until, Instant now) {
        return update("owner = :owner, leaseUntil = :until, updatedAt = :now where id in :ids and status in :open"
                + " and leaseUntil < :now", Parameters.with("owner", owner).and("until", until).and("now", now)
                        .and("ids", ids).and("open", OPEN));
    }

    /** Open jobs whose lease expired before {@code now}, oldest lease first. */
    public List<ImageJob> expired(Instant now, int limit) {
        return find("status in ?1 and leaseUntil < ?2", Sort.ascending("leaseUntil"), OPEN, now).page(0, limit).list();
    }

    /** Which of {@code ids} are open and leased by {@code owner}. */
    public List<UUID> held(String owner, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("select j.id from ImageJob j where j.owner = :owner and j.id in :ids"
                + " and j.status in :open", UUID.class).setParameter("owner", owner).setParameter("ids", ids)
                .setParameter("open", OPEN).getResultList();
    }

    /** Extends the leases of the unfinished jobs this instance holds. */
    public int extendLeases(String owner, Collection<UUID> ids, Instant until) {
        if (ids.isEmpty()) {
            return 0;
        }
        return update("leaseUntil = ?1 where owner = ?2 and id in ?3 and status in ?4", until, owner, ids, OPEN);
    }
}
