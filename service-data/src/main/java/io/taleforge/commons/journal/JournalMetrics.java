package io.taleforge.commons.journal;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The journal's calls as a Prometheus histogram: {@code taleforge_provider_call_seconds} by
 * provider, model, operation and outcome (success, failed, skipped). Recorded where the journal
 * closes a row, so every service that journals its calls has it.
 */
@ApplicationScoped
public class JournalMetrics {

    static final String CALLS = "taleforge.provider.call";

    /** The histogram's buckets: provider calls take from milliseconds (a skip, a cache) to minutes (a clip). */
    static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
            Duration.ofMinutes(5)};

    private final MeterRegistry registry;

    public JournalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One closed call of {@code entry} that took {@code took}. */
    void record(JournalEntry entry, Duration took) {
        Timer.builder(CALLS)
                .description("Outside calls journaled, by provider, model, operation and outcome")
                .tag("provider", orNone(entry.provider)).tag("model", orNone(entry.model))
                .tag("operation", entry.operation).tag("outcome", entry.status.name().toLowerCase())
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
