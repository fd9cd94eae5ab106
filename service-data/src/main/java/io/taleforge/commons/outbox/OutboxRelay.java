package io.taleforge.commons.outbox;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.taleforge.commons.lease.Leases;

/**
 * Drives the {@link OutboxPublisher}: right after a transaction that appended rows committed,
 * and on a timer as a safety net (rows left by a failed send or a crash). One drain runs at a
 * time in an instance, and only the instance holding the relay lease ({@link Leases}) drains, so
 * with several instances on one database rows still leave in order. A kick during a drain makes
 * it look again before it stops; a failed round waits for the next kick or tick.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The lease that makes one instance the relay when several run against one database. */
    public static final String LEASE = "outbox-relay";

    private final OutboxPublisher publisher;
    private final Leases leases;
    private final OutboxConfig config;
    private final String instance;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean holding;
    private volatile boolean stopped;

    public OutboxRelay(OutboxPublisher publisher, Leases leases, OutboxConfig config) {
        this.publisher = publisher;
        this.leases = leases;
        this.config = config;
        this.instance = config.instanceId().orElse("outbox-" + UUID.randomUUID());
    }

    void appended(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended event) {
        kick();
    }

    @Scheduled(every = "${taleforge.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (draining.get() && holding) {
            renewDuringRound();
        }
        kick();
    }

    /**
     * A round may wait for the broker's acknowledgements up to the send timeout, longer than the
     * lease lives: the holder renews it on every tick meanwhile, so the lease can be short (a dead
     * holder's rows wait at most its TTL) without another instance taking over a live round.
     */
    private void renewDuringRound() {
        try {
            holdLease();
        } catch (RuntimeException e) {
            Log.warnf("outbox relay lease not renewed during a round instance=%s: %s", instance, e.getMessage());
        }
    }

    /** Makes sure a drain runs soon: starts one, or tells the running one to look again. */
    public void kick() {
        if (stopped) {
            return;
        }
        requested.set(true);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false); // stopping
            }
        }
    }

    private void drain() {
        try {
            while (!stopped && requested.getAndSet(false) && relayAll()) {
                // everything unsent went out; look again if a kick came meanwhile
            }
        } catch (RuntimeException e) {
            Log.warnf("outbox relay round failed: %s", e.getMessage());
        } finally {
            draining.set(false);
        }
        if (!stopped && requested.get()) {
            kick();
        }
    }

    /** Publishes batch after batch while they are full. False when a round failed or another instance relays. */
    private boolean relayAll() {
        while (!stopped && holdLease()) {
            OutboxPublisher.Round round = publisher.publishPending();
            if (round.failed()) {
                return false;
            }
            if (!round.full()) {
                return true;
            }
        }
        return false;
    }

    /** Takes or renews the relay lease; only its holder publishes, so two instances never relay side by side. */
    private boolean holdLease() {
        boolean held = leases.tryHold(LEASE, instance, config.leaseTtl());
        if (held != holding) {
            Log.infof("outbox relay lease %s instance=%s", held ? "taken" : "held elsewhere", instance);
            holding = held;
        }
        return held;
    }

    @Scheduled(every = "1h", delay = 1, delayUnit = TimeUnit.MINUTES,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void hourlyCleanUp() {
        cleanUp();
    }

    /** Deletes rows sent longer ago than the retention; unsent rows (sentAt null) never match. */
    public long cleanUp() {
        Instant cutoff = Instant.now().minus(config.retention());
        long deleted = QuarkusTransaction.requiringNew().call(() -> OutboxEntry.delete("sentAt < ?1", cutoff));
        if (deleted > 0) {
            Log.infof("outbox cleanup deleted=%d sent-before=%s", deleted, cutoff);
        }
        return deleted;
    }

    /**
     * On a clean stop (before the datasource closes) the running round is given a moment, then
     * the lease is given up, so another instance relays at once instead of after its expiry.
     */
    void stopping(@Observes ShutdownEvent event) {
        stopped = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow(); // interrupts the wait for acknowledgements; what was acked is recorded
                executor.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (holding) {
            try {
                if (leases.release(LEASE, instance)) {
                    Log.infof("outbox relay lease released instance=%s", instance);
                } else {
                    Log.infof("outbox relay lease not held at stop (another instance took it) instance=%s", instance);
                }
            } catch (RuntimeException e) {
                Log.warnf("outbox relay lease not released (it expires on its own): %s", e.getMessage());
            }
        }
    }

    @PreDestroy
    void destroy() {
        stopped = true;
        executor.shutdownNow();
    }
}
