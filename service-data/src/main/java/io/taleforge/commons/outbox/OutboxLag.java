package io.taleforge.commons.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * The outbox lag as gauges: {@code taleforge_outbox_lag_seconds} (age of the oldest row not yet
 * acknowledged by the broker, 0 when none waits) and {@code taleforge_outbox_pending} (rows
 * waiting). Sampled on a schedule, so a scrape never waits for the database.
 */
@ApplicationScoped
public class OutboxLag {

    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    public OutboxLag(MeterRegistry registry) {
        Gauge.builder("taleforge.outbox.lag", lagMillis, value -> value.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest outbox row the broker has not acknowledged").register(registry);
        Gauge.builder("taleforge.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows the broker has not acknowledged").register(registry);
    }

    @Scheduled(every = "${taleforge.outbox.lag-sample:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void sample() {
        Instant oldest = OutboxEntry.getEntityManager()
                .createQuery("select min(e.createdAt) from OutboxEntry e where e.sentAt is null", Instant.class)
                .getSingleResult();
        pending.set(OutboxEntry.count("sentAt is null"));
        lagMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis()));
    }
}
