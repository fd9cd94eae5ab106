package io.taleforge.story.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One limit of the ledger: a story's cap ({@code story:<id>}) or a reader's day
 * ({@code reader:<owner>:<date>}), and the US dollars committed against it (open reservations
 * plus settled actual costs).
 */
@Entity
@Table(name = "budget_account")
public class BudgetAccount extends PanacheEntityBase {

    @Id
    @Column(name = "account_key", length = 120)
    public String key;

    @Column(name = "committed_usd", nullable = false, precision = 18, scale = 6)
    public BigDecimal committed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A new account with nothing committed. */
    public static BudgetAccount open(String key, Instant now) {
        BudgetAccount account = new BudgetAccount();
        account.key = key;
        account.committed = BigDecimal.ZERO;
        account.updatedAt = now;
        return account;
    }

    /** The account locked for update: every reservation against it runs one at a time. */
    public static Optional<BudgetAccount> locked(String key) {
        return Optional.ofNullable(findById(key, LockModeType.PESSIMISTIC_WRITE));
    }

    /** What is left under {@code limit}. */
    public BigDecimal left(BigDecimal limit) {
        return limit.subtract(committed).max(BigDecimal.ZERO);
    }

    /** Commits {@code amount} more (negative: gives back). */
    public void commit(BigDecimal amount, Instant now) {
        committed = committed.add(amount);
        updatedAt = now;
    }
}
