package io.taleforge.image.limiter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.taleforge.commons.http.RateLimitHeaders;
import io.taleforge.image.config.ImageConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * The global rate limiter: a token bucket per provider account in Redis, shared by every
 * instance, taken atomically by one Lua script (refill, take, and the 429 pause check in one
 * step). A 429 with Retry-After sets a pause key with that expiry, one without a wait hint a
 * pause that grows while 429s repeat ({@link #pauseUnhinted}); the script refuses permits while
 * it exists, so every instance pauses the provider until then. The budget the provider reports on
 * its answers ({@link #learn}) replaces the bucket until its reset: the account's real allowance is
 * spent fully, and nothing beyond it.
 */
@ApplicationScoped
public class RedisRateLimiter {

    private static final String ACQUIRE = script("limiter/token-bucket.lua");
    private static final String PAUSE = script("limiter/pause.lua");
    private static final String PAUSE_UNHINTED = script("limiter/pause-unhinted.lua");
    private static final String ALLOWANCE = script("limiter/allowance.lua");
    private static final Duration[] WAIT_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(60)};

    private final RedisDataSource redis;
    private final String prefix;
    private final int imagesPerMinute;
    private final int burst;
    private final Pauses pauses;
    private final MeterRegistry meters;

    /**
     * How a 429 without a wait hint pauses an account: {@code first}, doubled while 429s repeat, at
     * most {@code max}; the count is forgotten after a success or after {@code memory} without a 429.
     */
    public record Pauses(Duration first, Duration max, Duration memory) {
    }

    @Inject
    public RedisRateLimiter(RedisDataSource redis, ImageConfig config, MeterRegistry meters) {
        this(redis, config.limiter().keyPrefix(), config.limiter().imagesPerMinute(), config.limiter().burst(),
                new Pauses(config.limiter().pause(), config.limiter().pauseMax(), config.limiter().outageLimit()),
                meters);
    }

    /** Another instance's limiter on the same settings, its metrics its own (tests). */
    public RedisRateLimiter(RedisDataSource redis, ImageConfig config) {
        this(redis, config, new SimpleMeterRegistry());
    }

    /** A limiter with explicit settings (tests build several to play separate instances). */
    public RedisRateLimiter(RedisDataSource redis, String prefix, int imagesPerMinute, int burst, Pauses pauses) {
        this(redis, prefix, imagesPerMinute, burst, pauses, new SimpleMeterRegistry());
    }

    private RedisRateLimiter(RedisDataSource redis, String prefix, int imagesPerMinute, int burst, Pauses pauses,
            MeterRegistry meters) {
        if (imagesPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("images-per-minute and burst must be at least 1");
        }
        this.redis = redis;
        this.prefix = prefix;
        this.imagesPerMinute = imagesPerMinute;
        this.burst = burst;
        this.pauses = pauses;
        this.meters = meters;
    }

    /** One try: the permit, or how long to wait before the next try. */
    public Decision tryAcquire(String account) {
        Response r = redis.execute("EVAL", ACQUIRE, "3", bucketKey(account), pauseKey(account),
                allowanceKey(account), Integer.toString(imagesPerMinute), Integer.toString(burst));
        return new Decision(r.get(0).toLong() == 1, Duration.ofMillis(r.get(1).toLong()));
    }

    /**
     * Blocks until a permit for {@code account} is granted.
     *
     * @return how long it waited
     */
    public Duration acquire(String account) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            Decision d;
            try {
                d = tryAcquire(account);
            } catch (RuntimeException e) {
                // Redis holds only what may be lost, but without it there is no global limit:
                // wait and ask again rather than exceed the provider's quota.
                Log.warnf("rate limiter: redis unavailable for account=%s, retrying in 1 s: %s", account, e.getMessage());
                Thread.sleep(1000);
                continue;
            }
            if (d.granted()) {
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                Timer.builder("taleforge.limiter.wait").description("Time spent waiting for a provider permit")
                        .tag("account", account).serviceLevelObjectives(WAIT_BUCKETS).register(meters).record(waited);
                return waited;
            }
            Thread.sleep(Math.max(1, d.retryIn().toMillis()));
        }
    }

    /** Pauses {@code account} for every instance (after a 429 with Retry-After). */
    public void pause(String account, Duration retryAfter) {
        long ms = pause(account, retryAfter, "retry-after");
        Log.warnf("rate limiter: provider account=%s paused for %d ms for every instance", account, ms);
    }

    private long pause(String account, Duration wait, String reason) {
        long ms = Math.max(1, wait.toMillis());
        redis.execute("EVAL", PAUSE, "1", pauseKey(account), Long.toString(ms));
        countPause(account, reason);
        return ms;
    }

    /**
     * Adopts the budget the provider reported on an answer, for every instance: its remaining
     * requests are granted (beyond the configured burst and rate) until its reset, none after they
     * are spent; an exhausted token budget pauses the account until its reset. Without a report
     * the configured rate and burst govern.
     */
    public void learn(String account, RateLimitHeaders.Allowance allowance) {
        RateLimitHeaders.Budget requests = allowance.requests();
        if (requests != null) {
            redis.execute("EVAL", ALLOWANCE, "1", allowanceKey(account), Long.toString(requests.remaining()),
                    Long.toString(requests.reset().toMillis()));
        }
        RateLimitHeaders.Budget tokens = allowance.tokens();
        if (tokens != null && tokens.remaining() == 0) {
            long ms = pause(account, tokens.reset(), "token-budget");
            Log.infof("rate limiter: provider account=%s token budget spent, paused for %d ms", account, ms);
        }
    }

    /** The limiter account of {@code provider} under the configured account name, e.g. {@code openai:default}. */
    public static String account(String provider, String configured) {
        return provider + ":" + configured;
    }

    /**
     * Pauses {@code account} for every instance after a 429 that named no wait: the first pause,
     * doubled for each further one until a success ({@link #recovered}), at most the longest.
     *
     * @return the pause in force
     */
    public Duration pauseUnhinted(String account) {
        long ms = redis.execute("EVAL", PAUSE_UNHINTED, "2", pauseKey(account), strikesKey(account),
                Long.toString(Math.max(1, pauses.first().toMillis())), Long.toString(Math.max(1, pauses.max().toMillis())),
                Long.toString(Math.max(1, pauses.memory().toMillis()))).toLong();
        countPause(account, "unhinted");
        Log.warnf("rate limiter: provider account=%s answered 429 without a wait, paused for %d ms for every instance",
                account, ms);
        return Duration.ofMillis(ms);
    }

    /** A call of {@code account} succeeded: the next 429 without a wait pauses for the first pause again. */
    public void recovered(String account) {
        redis.execute("DEL", strikesKey(account));
    }

    private void countPause(String account, String reason) {
        Counter.builder("taleforge.limiter.pauses").description("Provider accounts paused for every instance after a 429")
                .tag("account", account).tag("reason", reason).register(meters).increment();
    }

    /**
     * The account's state for the operations page: tokens left (as last written, before the
     * refill since), how much longer it is paused, and the 429s without a wait hint in a row that
     * made the pause grow (0 when the pause, if any, came from a Retry-After).
     */
    public State state(String account) {
        Response tokens = redis.execute("HGET", bucketKey(account), "tokens");
        long pausedMs = redis.execute("PTTL", pauseKey(account)).toLong();
        Response strikes = redis.execute("GET", strikesKey(account));
        return new State(account, imagesPerMinute, burst, tokens == null ? burst : Double.parseDouble(tokens.toString()),
                Math.max(0, pausedMs), strikes == null ? 0 : strikes.toLong());
    }

    public record State(String account, int imagesPerMinute, int burst, double tokens, long pausedForMs,
            long unhintedStrikes) {
    }

    public record Decision(boolean granted, Duration retryIn) {
    }

    private String bucketKey(String account) {
        return prefix + ":" + account + ":bucket";
    }

    private String pauseKey(String account) {
        return prefix + ":" + account + ":paused";
    }

    private String allowanceKey(String account) {
        return prefix + ":" + account + ":allowance";
    }

    private String strikesKey(String account) {
        return prefix + ":" + account + ":strikes";
    }

    private static String script(String resource) {
        try (InputStream in = RedisRateLimiter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
