package io.taleforge.gateway.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Listens on the replay buffer's Pub/Sub channel: every append (by any gateway instance) names its
 * story there, and this instance's followers of that story read what is new. Consumer groups split
 * the partitions between instances, so without this a browser on instance B would see an event
 * consumed by instance A only at its next heartbeat.
 */
@ApplicationScoped
public class WakeUps {

    private final ReactiveRedisDataSource redis;
    private final EventBuffer buffer;
    private final EventFeed feed;

    public WakeUps(ReactiveRedisDataSource redis, EventBuffer buffer, EventFeed feed) {
        this.redis = redis;
        this.buffer = buffer;
        this.feed = feed;
    }

    void listen(@Observes StartupEvent start) {
        redis.pubsub(String.class).subscribe(buffer.wakeChannel())
                .onFailure().invoke(failure -> Log.warnf("wake-up channel unavailable, retrying (heartbeats still wake browsers): %s",
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(feed::wake, failure -> Log.warnf("wake-up channel closed: %s", failure.getMessage()));
    }
}
