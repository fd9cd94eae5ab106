package io.taleforge.film.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.support.WireMockResource;
import io.taleforge.testing.RealInfraResource;

/** The shared limits in a real Redis: two limiters play two workers of one provider account. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
@QuarkusTestResource(WireMockResource.class)
class FilmLimiterTest {

    @Inject
    RedisDataSource redis;

    FilmLimiter limiter(int slots, int perMinute) {
        return new FilmLimiter(redis, new FilmConfig.Limiter() {
            @Override
            public String account() {
                return "unused";
            }

            @Override
            public int concurrentTasks() {
                return slots;
            }

            @Override
            public int requestsPerMinute() {
                return perMinute;
            }

            @Override
            public Duration busyRetry() {
                return Duration.ofMillis(700);
            }

            @Override
            public String keyPrefix() {
                return "taleforge:film-test";
            }
        }, Duration.ofMinutes(5));
    }

    @Test
    void concurrentTasksAreCountedAcrossWorkersAndASlotComesBackOnRelease() {
        String account = "acct-" + UUID.randomUUID();
        FilmLimiter one = limiter(2, 100);
        FilmLimiter two = limiter(2, 100);
        assertTrue(one.tryStart(account, "s:1").granted());
        assertTrue(two.tryStart(account, "s:2").granted());
        FilmLimiter.Decision third = one.tryStart(account, "s:3");
        assertFalse(third.granted(), "a third task would exceed the account's 2");
        assertEquals(Duration.ofMillis(700), third.retryIn(),
                "told to ask again soon (a slot frees when a task ends), not when the holder's lease runs out");
        assertEquals(2, two.running(account));
        two.release(account, "s:1");
        assertTrue(one.tryStart(account, "s:3").granted());
    }

    @Test
    void requestsPerMinuteAreASlidingWindow() {
        String account = "acct-" + UUID.randomUUID();
        FilmLimiter limiter = limiter(100, 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryStart(account, "s:" + i).granted());
            limiter.release(account, "s:" + i);
        }
        FilmLimiter.Decision fourth = limiter.tryStart(account, "s:4");
        assertFalse(fourth.granted());
        assertTrue(fourth.retryIn().toSeconds() > 50 && fourth.retryIn().toSeconds() <= 60,
                "the oldest request leaves the window within a minute: " + fourth.retryIn());
    }
}
