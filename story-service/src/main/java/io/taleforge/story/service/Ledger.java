package io.taleforge.story.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.model.BudgetAccount;
import io.taleforge.story.model.Reservation;
import io.taleforge.story.model.Story;

/**
 * The money ledger: paid steps reserve their estimate against the story's cap and the reader's
 * daily budget before they start, in the caller's transaction, under the row lock of each account
 * (the story's first, then the reader's), so two concurrent requests never together pass a limit.
 * Settling replaces a reservation by its actual cost; a failed step's reservation is released.
 */
@ApplicationScoped
public class Ledger {

    public static final String STORY_CAP = "story-cap";
    public static final String DAILY_BUDGET = "daily-budget";

    /** One step to reserve: purpose, scene (0 for the portrait, the writer, the film), attempt, estimate. */
    public record Item(Reservation.Purpose purpose, int sceneNumber, int attempt, BigDecimal estimate) {
    }

    private final StoryConfig.Ledger config;

    public Ledger(StoryConfig config) {
        this.config = config.ledger();
    }

    /** The per-story cap in US dollars, if one is set. */
    public Optional<BigDecimal> storyCap() {
        return config.storyCap();
    }

    /**
     * Reserves the items of {@code story} not reserved before (a repeated request reserves nothing
     * twice), in the caller's transaction.
     *
     * @throws BudgetExceeded when their sum does not fit a limit; the caller's transaction must roll back
     */
    public BigDecimal reserve(Story story, List<Item> items) {
        List<Item> fresh = items.stream().filter(i -> Reservation.of(story.id, i.purpose(), i.sceneNumber(),
                i.attempt()).isEmpty()).toList();
        BigDecimal total = fresh.stream().map(Item::estimate).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (fresh.isEmpty()) {
            return total;
        }
        Instant now = Instant.now();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        commit(storyKey(story.id), total, config.storyCap(), STORY_CAP, now);
        commit(readerKey(story.owner, day), total, config.dailyBudget(), DAILY_BUDGET, now);
        fresh.forEach(i -> Reservation.reserve(story, day, i.purpose(), i.sceneNumber(), i.attempt(), i.estimate(),
                now).persist());
        Log.infof("reserved story=%s items=%d usd=%s", story.id, fresh.size(), total.toPlainString());
        return total;
    }

    /**
     * Closes the reservation of one step with what it cost ({@code failed}: released when it cost
     * nothing), in the caller's transaction; a step never reserved, or closed before, changes nothing.
     */
    public void settle(UUID storyId, Reservation.Purpose purpose, int sceneNumber, int attempt, BigDecimal cost,
            boolean failed) {
        Optional<Reservation> found = Reservation.of(storyId, purpose, sceneNumber, attempt);
        if (found.isEmpty()) {
            return;
        }
        Reservation r = found.get();
        Instant now = Instant.now();
        BigDecimal change = r.close(cost, failed, now);
        if (change == null) {
            return;
        }
        locked(storyKey(storyId), now).commit(change, now);
        locked(readerKey(r.owner, r.day), now).commit(change, now);
        Log.infof("settled story=%s purpose=%s scene=%d attempt=%d estimate=%s actual=%s state=%s", storyId, purpose,
                sceneNumber, attempt, r.estimate.toPlainString(), r.actual.toPlainString(), r.state);
    }

    /** What a story weighs: settled actual costs plus open reservations, and the actual costs alone. */
    public record Spend(BigDecimal committedUsd, BigDecimal spentUsd) {
    }

    public Spend spend(UUID storyId) {
        List<Reservation> all = Reservation.list("storyId", storyId);
        BigDecimal committed = all.stream().map(Reservation::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal spent = all.stream().filter(r -> r.state != Reservation.State.RESERVED).map(r -> r.actual)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Spend(committed, spent);
    }

    private void commit(String key, BigDecimal amount, Optional<BigDecimal> limit, String name, Instant now) {
        BudgetAccount account = locked(key, now);
        if (limit.isPresent() && account.committed.add(amount).compareTo(limit.get()) > 0) {
            Log.infof("over budget account=%s limit=%s estimate=%s left=%s", key, name, amount.toPlainString(),
                    account.left(limit.get()).toPlainString());
            throw new BudgetExceeded(name, amount, account.left(limit.get()));
        }
        account.commit(amount, now);
    }

    /** The account locked, opened first (in its own transaction, racing openers tolerated) when new. */
    private static BudgetAccount locked(String key, Instant now) {
        return BudgetAccount.locked(key).orElseGet(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> BudgetAccount.open(key, now).persistAndFlush());
            } catch (RuntimeException e) { // a duplicate key: opened concurrently
                Log.debugf("account opened concurrently key=%s: %s", key, e.getMessage());
            }
            return BudgetAccount.locked(key).orElseThrow();
        });
    }

    static String storyKey(UUID storyId) {
        return "story:" + storyId;
    }

    static String readerKey(String owner, LocalDate day) {
        return "reader:" + owner + ":" + day;
    }
}
