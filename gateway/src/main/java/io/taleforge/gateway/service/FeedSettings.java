package io.taleforge.gateway.service;

import java.time.Duration;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.taleforge.gateway.config.GatewayConfig;

/** The feed's sizes and its one retry policy for Redis reads: backoff until the read deadline. */
record FeedSettings(int pageSize, int memory, Duration readDeadline) {

    private static final Duration RETRY_FIRST = Duration.ofMillis(50);
    private static final Duration RETRY_MAX = Duration.ofSeconds(2);

    static FeedSettings of(GatewayConfig.Events events) {
        return new FeedSettings(events.pageSize(), events.memory(), events.readDeadline());
    }

    /** The read, retried with backoff while it fails, failing only once the deadline has passed. */
    <T> Uni<T> patiently(Uni<T> read) {
        return read.onFailure().invoke(failure -> Log.debugf("event stream read failed, retrying: %s", failure.getMessage()))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(readDeadline.toMillis());
    }
}
