package io.taleforge.story.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.story.config.StoryConfig;

/**
 * The durable, exclusive claim of the instance writing a story, in the story row
 * ({@code writer_instance}, {@code writer_claim_expires_at}, {@code 007-writing-claim.sql}): an
 * instance writes a {@code WRITING} story only while it holds the claim, renews it while it
 * writes, and gives it up at the end. Another instance gets it only once it expired or was given
 * up. Each call is one short transaction; expiry is reckoned on the database's clock (the house
 * lease recipe, service-data {@code Leases}, applied to the story row).
 */
@ApplicationScoped
public class WritingClaims {

    private final EntityManager em;
    private final Duration ttl;
    private final String instance;

    @Inject
    public WritingClaims(EntityManager em, StoryConfig config) {
        this(em, config.writer().claimTtl(), UUID.randomUUID().toString());
    }

    WritingClaims(EntityManager em, Duration ttl, String instance) {
        this.em = em;
        this.ttl = ttl;
        this.instance = instance;
    }

    /** This instance's name in the claims. */
    public String instance() {
        return instance;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Takes or renews the claim on a story still {@code WRITING}; false when another live instance holds it, or it is written. */
    public boolean claim(UUID id) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ttl.toMillis()));
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE story SET writer_instance = ?1, writer_claim_expires_at = DATEADD(MILLISECOND, ?2, GETDATE())"
                        + " WHERE id = ?3 AND status = 'WRITING' AND (writer_instance = ?1 OR writer_instance IS NULL"
                        + " OR writer_claim_expires_at < GETDATE())")
                .setParameter(1, instance).setParameter(2, millis).setParameter(3, id).executeUpdate()) == 1;
    }

    /** Gives the claim up if this instance holds it (the writing ended, or the service stops). */
    public void release(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE story SET writer_instance = NULL, writer_claim_expires_at = NULL WHERE id = ?1 AND writer_instance = ?2")
                .setParameter(1, id).setParameter(2, instance).executeUpdate());
    }

    /** The {@code WRITING} stories no live claim holds (never claimed, given up, or their writer gone), oldest first. */
    public List<UUID> unclaimed() {
        return unclaimed(Instant.now().plusSeconds(1));
    }

    /** Those of them created before {@code before}: the sweep leaves a story just accepted to the queue of its instance. */
    public List<UUID> unclaimed(Instant before) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select s.id from Story s where s.status = ?1"
                + " and (s.writerInstance is null or s.writerClaimExpiresAt < current_timestamp) and s.createdAt < ?2"
                + " order by s.createdAt, s.id", UUID.class).setParameter(1, StoryStatus.Status.WRITING)
                .setParameter(2, before).getResultList());
    }

    /**
     * Asks whoever writes the story to stop ({@code writing_stop_asked_at}, {@code 009-writing-stop.sql}):
     * the writer reads it while the answer streams in, on whichever instance it runs.
     */
    public void askStop(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE story SET writing_stop_asked_at = GETDATE() WHERE id = ?1 AND status = 'WRITING'")
                .setParameter(1, id).executeUpdate());
    }

    /** Whether the reader asked to stop the writing of the story, through any instance. */
    public boolean stopAsked(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM story WHERE id = ?1 AND writing_stop_asked_at IS NOT NULL")
                .setParameter(1, id).getSingleResult()).intValue()) > 0;
    }
}
