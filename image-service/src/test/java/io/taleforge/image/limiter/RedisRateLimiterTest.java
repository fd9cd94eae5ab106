package io.taleforge.image.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

/** The token bucket in the real Redis, taken by two limiter clients at once, as two instances would. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class RedisRateLimiterTest {

    @Inject
    RedisDataSource redis;

    @Test
    void twoClientsTogetherNeverExceedTheRate() throws Exception {
        int perMinute = 300; // one permit per 200 ms
        int burst = 3;
        String account = "test-" + UUID.randomUUID();
        RedisRateLimiter first = new RedisRateLimiter(redis, "taleforge:test-ratelimit", perMinute, burst);
        RedisRateLimiter second = new RedisRateLimiter(redis, "taleforge:test-ratelimit", perMinute, burst);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (RedisRateLimiter client : List.of(first, second, first, second)) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        client.acquire(account);
                        grants.add(System.nanoTime());
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> times = new ArrayList<>(grants);
        Collections.sort(times);
        assertEquals(16, times.size());
        double perMs = perMinute / 60000.0;
        for (int i = 0; i < times.size(); i++) {
            for (int j = i; j < times.size(); j++) {
                double windowMs = (times.get(j) - times.get(i)) / 1e6;
                int inWindow = j - i + 1;
                // 40 ms of slack: a timestamp is read after acquire() returns, and a thread on this
                // 2-core machine may be descheduled in between; a double grant would still show
                assertTrue(inWindow <= burst + Math.floor((windowMs + 40) * perMs) + 0.0001,
                        inWindow + " permits in " + windowMs + " ms exceed burst " + burst + " + rate");
            }
        }
        double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
        assertTrue(seconds >= (16 - burst) / (perMinute / 60.0) - 0.1, "16 permits took only " + seconds + " s");
    }

    @Test
    void aPauseAfterA429HoldsEveryClientUntilRetryAfter() throws Exception {
        String account = "test-" + UUID.randomUUID();
        RedisRateLimiter one = new RedisRateLimiter(redis, "taleforge:test-ratelimit", 6000, 10);
        RedisRateLimiter other = new RedisRateLimiter(redis, "taleforge:test-ratelimit", 6000, 10);
        one.acquire(account);
        one.pause(account, Duration.ofMillis(800));
        RedisRateLimiter.Decision refused = other.tryAcquire(account);
        assertTrue(!refused.granted() && refused.retryIn().toMillis() > 500, refused.toString());
        long start = System.nanoTime();
        Duration waited = other.acquire(account);
        assertTrue(waited.toMillis() >= 600, "waited " + waited.toMillis() + " ms");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
    }
}
