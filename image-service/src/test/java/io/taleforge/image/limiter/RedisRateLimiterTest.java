package io.taleforge.image.limiter;

import static org.awaitility.Awaitility.await;
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
import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.testing.RealInfraResource;

/** The token bucket in the real Redis, taken by two limiter clients at once, as two instances would. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class RedisRateLimiterTest {

    static final String PREFIX = "taleforge:test-ratelimit";
    static final RedisRateLimiter.Pauses PAUSES = new RedisRateLimiter.Pauses(Duration.ofMillis(400),
            Duration.ofMillis(1600), Duration.ofMinutes(1));

    @Inject
    RedisDataSource redis;

    @Test
    void twoClientsTogetherNeverExceedTheRate() throws Exception {
        int perMinute = 300; // one permit per 200 ms
        int burst = 3;
        String account = "test-" + UUID.randomUUID();
        RedisRateLimiter first = new RedisRateLimiter(redis, PREFIX, perMinute, burst, PAUSES);
        RedisRateLimiter second = new RedisRateLimiter(redis, PREFIX, perMinute, burst, PAUSES);
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

    /**
     * A reported budget replaces the configured guess for every instance: its 6 remaining requests
     * are granted at once though the burst is 1, the 7th waits for the reported reset, and after
     * the reset the configured bucket governs again. A spent token budget pauses the account.
     */
    @Test
    void theBudgetTheProviderReportsIsSpentFullyAndNoMore() {
        String account = "test-" + UUID.randomUUID();
        RedisRateLimiter one = new RedisRateLimiter(redis, PREFIX, 6, 1, PAUSES);
        RedisRateLimiter other = new RedisRateLimiter(redis, PREFIX, 6, 1, PAUSES);
        one.learn(account, new RateLimitHeaders.Allowance(new RateLimitHeaders.Budget(6, Duration.ofMillis(1500)),
                null));
        for (int i = 0; i < 6; i++) {
            assertTrue((i % 2 == 0 ? one : other).tryAcquire(account).granted(), "reported request " + (i + 1));
        }
        RedisRateLimiter.Decision spent = other.tryAcquire(account);
        assertTrue(!spent.granted() && spent.retryIn().toMillis() > 500 && spent.retryIn().toMillis() <= 1500,
                "the 7th waits for the reported reset: " + spent);
        await("the reported budget expires at its reset").atMost(Duration.ofSeconds(5))
                .until(() -> one.tryAcquire(account).granted());
        assertTrue(!one.tryAcquire(account).granted(), "then the configured burst of 1 governs again");

        String tokens = "test-" + UUID.randomUUID();
        one.learn(tokens, RateLimitHeaders.allowance(name -> switch (name) {
            case "x-ratelimit-remaining-tokens" -> "0";
            case "x-ratelimit-reset-tokens" -> "2s";
            default -> null;
        }));
        RedisRateLimiter.Decision paused = other.tryAcquire(tokens);
        assertTrue(!paused.granted() && paused.retryIn().toMillis() > 1000, "a spent token budget pauses: " + paused);
    }

    @Test
    void a429WithoutAWaitPausesEveryClientLongerEachTimeUntilASuccess() throws Exception {
        String account = "test-" + UUID.randomUUID();
        RedisRateLimiter one = new RedisRateLimiter(redis, PREFIX, 6000, 10, PAUSES);
        RedisRateLimiter other = new RedisRateLimiter(redis, PREFIX, 6000, 10, PAUSES);
        assertEquals(Duration.ofMillis(400), one.pauseUnhinted(account), "the first pause");
        RedisRateLimiter.Decision refused = other.tryAcquire(account);
        assertTrue(!refused.granted() && refused.retryIn().toMillis() > 200, "another instance waits: " + refused);
        assertTrue(one.pauseUnhinted(account).toMillis() <= 400,
                "a 429 of a call in flight while paused neither grows nor renews the pause");
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            other.acquire(account); // waits out the pause in force
            pauses.add(one.pauseUnhinted(account).toMillis());
        }
        assertEquals(List.of(800L, 1600L, 1600L), pauses, "doubled while 429s repeat, at most the longest");
        Duration waited = other.acquire(account);
        assertTrue(waited.toMillis() >= 1200, "the last pause held the other instance: " + waited.toMillis() + " ms");
        one.recovered(account);
        assertEquals(Duration.ofMillis(400), other.pauseUnhinted(account), "a success starts again from the first");
    }

    @Test
    void aPauseAfterA429HoldsEveryClientUntilRetryAfter() throws Exception {
        String account = "test-" + UUID.randomUUID();
        RedisRateLimiter one = new RedisRateLimiter(redis, PREFIX, 6000, 10, PAUSES);
        RedisRateLimiter other = new RedisRateLimiter(redis, PREFIX, 6000, 10, PAUSES);
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
