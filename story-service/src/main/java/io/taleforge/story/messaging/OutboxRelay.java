package io.taleforge.story.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.taleforge.commons.lease.Leases;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.Topics;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.model.OutboxEvent;

/**
 * Publishes the outbox to Kafka in {@code seq} order per story, as CloudEvents in binary mode
 * keyed by story id, with the row's id as CloudEvent id. A row is marked sent only after the
 * broker acknowledged it; what failed is tried again next round (at-least-once: consumers dedupe
 * on the CloudEvent id). After a failed round (the broker is down) each round sends a single
 * row until the broker answers again.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String SCENE_APPROVED_CHANNEL = "scene-approved-out";
    public static final String STORY_STATUS_CHANNEL = "story-status-out";

    /** What is published: a detached copy of a row, read in a short transaction. */
    record Pending(long seq, UUID id, UUID storyId, String topic, String type, String payload) {
    }

    /** The lease that makes one instance the relay when several run against one database. */
    public static final String LEASE = "story-outbox-relay";

    private final MutinyEmitter<String> sceneApproved;
    private final MutinyEmitter<String> storyStatus;
    private final StoryConfig config;
    private final Leases leases;
    private final String instance;
    private volatile boolean degraded;
    private volatile boolean holding;
    private volatile boolean stopped;

    public OutboxRelay(@Channel(SCENE_APPROVED_CHANNEL) MutinyEmitter<String> sceneApproved,
            @Channel(STORY_STATUS_CHANNEL) MutinyEmitter<String> storyStatus, StoryConfig config, Leases leases) {
        this.sceneApproved = sceneApproved;
        this.storyStatus = storyStatus;
        this.config = config;
        this.leases = leases;
        this.instance = config.relay().instanceId().orElse("story-" + UUID.randomUUID());
    }

    @Scheduled(every = "${taleforge.story.relay.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        try {
            while (!stopped && holdLease() && publishPending() == config.relay().batchSize()) {
                // a full batch went out: more may be waiting (the lease is renewed per batch)
            }
        } catch (RuntimeException e) {
            Log.warnf("outbox relay round failed: %s", e.getMessage());
        }
    }

    /** Takes or renews the relay lease; only its holder publishes, so two instances never relay side by side. */
    private boolean holdLease() {
        boolean held = leases.tryHold(LEASE, instance, config.relay().leaseTtl());
        if (held != holding) {
            Log.infof("outbox relay lease %s instance=%s", held ? "taken" : "held elsewhere", instance);
            holding = held;
        }
        return held;
    }

    /** Deletes rows sent longer ago than {@code relay.retention}; unsent rows (sentAt null) never match. */
    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void hourlyCleanUp() {
        cleanUp();
    }

    public long cleanUp() {
        Instant cutoff = Instant.now().minus(config.relay().retention());
        long deleted = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.delete("sentAt < ?1", cutoff));
        if (deleted > 0) {
            Log.infof("outbox cleanup deleted=%d sent-before=%s", deleted, cutoff);
        }
        return deleted;
    }

    /** On a clean stop the lease is given up, so another instance relays at once. */
    void stopping(@Observes ShutdownEvent event) {
        stopped = true;
        if (holding) {
            try {
                leases.release(LEASE, instance);
            } catch (RuntimeException e) {
                Log.warnf("outbox relay lease not released (it expires on its own): %s", e.getMessage());
            }
        }
    }

    /**
     * One round: publishes up to a batch of unsent rows and marks the acknowledged ones sent.
     * Stories go out side by side; within a story a row is handed to Kafka only after the one
     * before it was acknowledged, and a story stops at its first failure, so a row never
     * overtakes an earlier one of its story even when the broker fails in the middle of a round.
     *
     * @return how many rows were marked sent
     */
    public int publishPending() {
        int limit = degraded ? 1 : config.relay().batchSize();
        List<Pending> rows = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.unsent(limit).stream()
                .map(r -> new Pending(r.seq, r.id, r.storyId, r.topic, r.type, r.payload)).toList());
        if (rows.isEmpty()) {
            return 0;
        }
        Map<UUID, List<Pending>> byStory = new LinkedHashMap<>();
        rows.forEach(r -> byStory.computeIfAbsent(r.storyId(), k -> new ArrayList<>()).add(r));
        AtomicBoolean roundOver = new AtomicBoolean();
        List<Chain> chains = byStory.values().stream().map(Chain::new).toList();
        chains.forEach(chain -> chain.next(roundOver));
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        for (Chain chain : chains) {
            try {
                chain.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                // a chain never completes exceptionally; failures are recorded on the chain
            }
        }
        roundOver.set(true);
        List<Long> acknowledged = new ArrayList<>();
        List<Chain> failed = new ArrayList<>();
        for (Chain chain : chains) {
            synchronized (chain) {
                acknowledged.addAll(chain.acknowledged);
                if (chain.acknowledged.size() < chain.rows.size()) {
                    failed.add(chain);
                }
            }
        }
        record(acknowledged, failed, config.relay().sendTimeout());
        degraded = !failed.isEmpty();
        for (Chain chain : failed) {
            Pending row = chain.firstUnsent();
            Log.warnf("outbox relay: %s seq=%d story=%s not acknowledged, retrying: %s", row.topic(), row.seq(),
                    row.storyId(), describe(chain.failure, config.relay().sendTimeout()));
        }
        return acknowledged.size();
    }

    /** The rows of one story, sent one after the other until the first failure. */
    private final class Chain {

        final List<Pending> rows;
        final List<Long> acknowledged = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Throwable failure;

        Chain(List<Pending> rows) {
            this.rows = rows;
        }

        void next(AtomicBoolean roundOver) {
            int index;
            synchronized (this) {
                index = acknowledged.size();
            }
            if (index == rows.size() || roundOver.get()) {
                done.complete(null);
                return;
            }
            send(rows.get(index)).whenComplete((ok, error) -> {
                if (error != null) {
                    synchronized (this) {
                        failure = error;
                    }
                    done.complete(null);
                    return;
                }
                synchronized (this) {
                    if (!roundOver.get()) {
                        acknowledged.add(rows.get(index).seq());
                    }
                }
                next(roundOver);
            });
        }

        synchronized Pending firstUnsent() {
            return rows.get(acknowledged.size());
        }
    }

    private CompletableFuture<Void> send(Pending row) {
        MutinyEmitter<String> emitter = Topics.SCENE_APPROVED.equals(row.topic()) ? sceneApproved
                : Topics.STORY_STATUS.equals(row.topic()) ? storyStatus : null;
        if (emitter == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no channel for topic " + row.topic()));
        }
        try {
            return emitter.sendMessage(CloudEvents.message(row.storyId().toString(), row.type(),
                    EventTypes.SOURCE_STORY_SERVICE, row.payload(), row.id().toString()))
                    .subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void record(List<Long> acknowledged, List<Chain> failed, Duration timeout) {
        if (acknowledged.isEmpty() && failed.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            if (!acknowledged.isEmpty()) {
                OutboxEvent.update("sentAt = ?1, sendAttempts = sendAttempts + 1 where seq in ?2", now, acknowledged);
            }
            for (Chain chain : failed) {
                OutboxEvent.update("sendAttempts = sendAttempts + 1, lastError = ?1 where seq = ?2",
                        describe(chain.failure, timeout), chain.firstUnsent().seq());
            }
        });
    }

    private static String describe(Throwable failure, Duration timeout) {
        if (failure == null) {
            return "no acknowledgement within " + timeout;
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
