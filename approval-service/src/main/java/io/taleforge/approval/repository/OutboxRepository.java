package io.taleforge.approval.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.approval.model.OutboxMessage;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, Long> {

    /**
     * The oldest unsent rows in publishing order, locked so that a second instance's relay waits
     * instead of publishing the same rows concurrently.
     */
    public List<OutboxMessage> lockUnsent(int limit) {
        return find("sentAt is null order by id").withLock(LockModeType.PESSIMISTIC_WRITE).page(0, limit).list();
    }

    public long deleteSentBefore(Instant cutoff) {
        return delete("sentAt is not null and sentAt < ?1", cutoff);
    }
}
