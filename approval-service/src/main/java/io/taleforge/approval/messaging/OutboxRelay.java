package io.taleforge.approval.messaging;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.taleforge.approval.config.ApprovalConfig;
import io.taleforge.approval.repository.OutboxRepository;
import io.taleforge.approval.service.Outbox;

/**
 * Drives the {@link OutboxPublisher}: right after a transaction that wrote outbox rows
 * committed, and on a timer as a safety net (rows left by a failed send, or by a crash). One
 * drain runs at a time in this instance, so rows leave in order; a kick during a drain makes it
 * look again before it stops.
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxPublisher publisher;
    private final OutboxRepository outbox;
    private final ManagedExecutor executor;
    private final ApprovalConfig config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopped;

    public OutboxRelay(OutboxPublisher publisher, OutboxRepository outbox, ApprovalConfig config) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.config = config;
        // nothing propagated: a kick comes from a transaction's after-commit callback, and the
        // drain must open transactions of its own, not inherit the finished one
        this.executor = ManagedExecutor.builder().maxAsync(1)
                .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();
    }

    /** Stop relaying as soon as shutdown begins, before the database goes away. */
    void shuttingDown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        executor.shutdown();
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written event) {
        kick();
    }

    @Scheduled(every = "${approval.outbox.poll-interval:1s}", delay = 2, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        kick();
    }

    @Scheduled(every = "1h", delay = 1, delayUnit = TimeUnit.MINUTES,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void cleanUp() {
        long deleted = outbox.deleteSentBefore(Instant.now().minus(config.outbox().retention()));
        if (deleted > 0) {
            Log.infof("outbox cleanup deleted=%d", deleted);
        }
    }

    /** Makes sure a drain runs soon: starts one, or tells the running one to look again. */
    public void kick() {
        if (stopped) {
            return;
        }
        requested.set(true);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (requested.getAndSet(false)) {
                OutboxPublisher.Batch batch;
                do {
                    batch = publisher.publishBatch();
                } while (batch.full() && !batch.failed());
                if (batch.failed()) {
                    break; // the timer tries again; do not spin against a broker that is away
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("outbox relay run failed: %s", e.getMessage());
        } finally {
            draining.set(false);
        }
        if (!stopped && requested.get() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }
}
