package io.taleforge.commons.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay of every service with a database, under {@code taleforge.outbox}. */
@ConfigMapping(prefix = "taleforge.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for unsent rows as a safety net (rows left by a failed send or a
     * crash); it also runs right after every commit that appended rows. Read by the scheduler.
     */
    @WithDefault("1s")
    Duration interval();

    /** How often the outbox lag gauges ({@code taleforge_outbox_lag_seconds}, {@code …_pending}) are sampled. */
    @WithDefault("5s")
    Duration lagSample();

    /** Most rows published in one round. */
    @WithDefault("100")
    int batchSize();

    /**
     * How long one round waits for the broker's acknowledgements; keep it above the producer's
     * {@code max.block.ms} + {@code delivery.timeout.ms}.
     */
    @WithDefault("45s")
    Duration sendTimeout();

    /**
     * How long one instance holds the right to relay: with several instances on one database only
     * the holder relays, and another (or the holder's own restart) takes over within this time
     * after the holder dies, at once when it stops cleanly. Renewed every round and, while a round
     * waits for the broker, every {@code interval}: keep it several intervals long.
     */
    @WithDefault("10s")
    Duration leaseTtl();

    /** How long sent rows stay in the outbox (for inspection) before the hourly cleanup deletes them. */
    @WithDefault("7d")
    Duration retention();

    /** This instance's name as lease holder; a random one per start when unset. */
    Optional<String> instanceId();

    /** The CloudEvent {@code source} of every published row. */
    @WithDefault("/taleforge/${quarkus.application.name}")
    String source();
}
