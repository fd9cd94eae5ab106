package io.taleforge.commons.lease;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Named leases in the service's database ({@code db/commons/lease.sql}): a holder keeps a lease
 * for a time-to-live and renews it while it works; another instance gets it only once it has
 * expired or was released. Each call is one short transaction of its own, and the expiry is
 * reckoned on the database's clock, so instances whose clocks differ still agree.
 */
@ApplicationScoped
public class Leases {

    private final EntityManager em;

    public Leases(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes or renews {@code name} for {@code holder} for {@code ttl}.
     *
     * @return true when {@code holder} holds the lease now, false when another holder does
     */
    public boolean tryHold(String name, String holder, Duration ttl) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ttl.toMillis())); // DATEADD takes an int
        int updated = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE service_lease SET holder = ?1, expires_at = DATEADD(MILLISECOND, ?2, GETDATE())"
                        + " WHERE name = ?3 AND (holder = ?1 OR holder IS NULL OR expires_at < GETDATE())")
                .setParameter(1, holder).setParameter(2, millis).setParameter(3, name).executeUpdate());
        if (updated == 1) {
            return true;
        }
        try {
            // the first use of this name: whoever inserts first holds it; the other insert fails
            return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "INSERT INTO service_lease (name, holder, expires_at)"
                            + " SELECT ?1, ?2, DATEADD(MILLISECOND, ?3, GETDATE())"
                            + " WHERE NOT EXISTS (SELECT 1 FROM service_lease WHERE name = ?1)")
                    .setParameter(1, name).setParameter(2, holder).setParameter(3, millis).executeUpdate()) == 1;
        } catch (RuntimeException e) {
            if (exists(name)) {
                return false; // another instance inserted it at the same moment and holds it
            }
            throw e;
        }
    }

    private boolean exists(String name) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM service_lease WHERE name = ?1").setParameter(1, name).getSingleResult())
                .intValue() > 0);
    }

    /**
     * Gives {@code name} up if {@code holder} holds it, so another instance need not wait for the
     * expiry; false when {@code holder} did not hold it (another instance took it after it expired).
     */
    public boolean release(String name, String holder) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE service_lease SET holder = NULL WHERE name = ?1 AND holder = ?2")
                .setParameter(1, name).setParameter(2, holder).executeUpdate()) > 0;
    }
}
