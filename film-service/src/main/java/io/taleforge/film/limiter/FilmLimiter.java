package io.taleforge.film.limiter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.taleforge.film.config.FilmConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * The limits every film worker shares, per provider account, in Redis: how many provider tasks run
 * at once (a slot from create until the clip is READY or FAILED) and how many creates start per
 * minute. One Lua script decides atomically; it never blocks: a refusal says how long to wait and
 * the caller schedules its next try. A slot carries a lease (the clip deadline), so a worker that
 * dies holding one cannot keep it forever; {@link #renew} keeps the lease of a living clip.
 */
@ApplicationScoped
public class FilmLimiter {

    private static final String START = script("limiter/film-start.lua");

    private final RedisDataSource redis;
    private final FilmConfig.Limiter config;
    private final Duration lease;

    @Inject
    public FilmLimiter(RedisDataSource redis, FilmConfig config) {
        this(redis, config.limiter(), config.provider().deadline().plusMinutes(1));
    }

    public FilmLimiter(RedisDataSource redis, FilmConfig.Limiter config, Duration lease) {
        this.redis = redis;
        this.config = config;
        this.lease = lease;
    }

    /** The answer: start now, or wait {@code retryIn} before asking again. */
    public record Decision(boolean granted, Duration retryIn) {
    }

    /** Takes a task slot and a request of the minute for {@code clip}; holding a slot already counts as one. */
    public Decision tryStart(String account, String clip) {
        Response r = redis.execute("EVAL", START, "2", slotsKey(account), requestsKey(account), clip,
                Integer.toString(config.concurrentTasks()), Integer.toString(config.requestsPerMinute()),
                Long.toString(lease.toMillis()), Long.toString(config.busyRetry().toMillis()));
        return new Decision(r.get(0).toLong() == 1, Duration.ofMillis(r.get(1).toLong()));
    }

    /** Gives the slot of {@code clip} back (its task ended, or it was never created). */
    public void release(String account, String clip) {
        redis.execute("ZREM", slotsKey(account), clip);
    }

    /** How many slots are held now (for the operations page and tests). */
    public long running(String account) {
        return redis.execute("ZCARD", slotsKey(account)).toLong();
    }

    private String slotsKey(String account) {
        return config.keyPrefix() + ":" + account + ":tasks";
    }

    private String requestsKey(String account) {
        return config.keyPrefix() + ":" + account + ":requests";
    }

    private static String script(String resource) {
        try (InputStream in = FilmLimiter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
