package io.taleforge.gateway.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.taleforge.gateway.config.GatewayConfig;

/**
 * Listens on the replay buffer's Pub/Sub channel: every append (by any gateway instance) names its
 * story and entry there ({@code <storyId> <entryId>}), and this instance's channel of that story
 * reads what is new, unless it has read that far already. Consumer groups split the partitions
 * between instances, so without this a browser on instance B would not see an event consumed by
 * instance A. Whenever the subscription (re)starts, and every {@code safety-poll} as a safety net,
 * every followed story reads once: a wake-up lost meanwhile costs one read per story, not per browser.
 */
@ApplicationScoped
public class WakeUps {

    private final ReactiveRedisDataSource redis;
    private final EventBuffer buffer;
    private final EventFeed feed;
    private final GatewayConfig config;

    public WakeUps(ReactiveRedisDataSource redis, EventBuffer buffer, EventFeed feed, GatewayConfig config) {
        this.redis = redis;
        this.buffer = buffer;
        this.feed = feed;
        this.config = config;
    }

    void listen(@Observes StartupEvent start) {
        redis.pubsub(String.class).subscribe(buffer.wakeChannel())
                .onSubscription().invoke(feed::wakeAll)
                .onFailure().invoke(failure -> Log.warnf("wake-up channel unavailable, retrying (the safety poll still wakes browsers): %s",
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(this::woken, failure -> Log.warnf("wake-up channel closed: %s", failure.getMessage()));
        Multi.createFrom().ticks().every(config.events().safetyPoll())
                .onOverflow().drop()
                .subscribe().with(tick -> feed.wakeAll());
    }

    /** {@code <storyId> <entryId>}; a bare story id (an older instance) wakes the story unconditionally. */
    private void woken(String message) {
        int space = message.indexOf(' ');
        if (space < 0) {
            feed.wake(message);
            return;
        }
        feed.wake(message.substring(0, space), StreamId.parse(message.substring(space + 1)).orElse(null));
    }
}
