package io.taleforge.commons.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a hand-made retry loop waits before its next try, the one way for every service:
 * exponential from {@code base} (base·2^(n-1) after the n-th failure) with jitter (between half
 * and all of it, so that instances that failed together do not retry together), never longer than
 * {@code max}. A wait the provider asked for ({@code Retry-After}, a rate-limit reset: see
 * {@link RateLimitHeaders}) wins over the computed one, and is capped by {@code max} too.
 * Where a whole method is the unit of retry, use the fault-tolerance annotations instead.
 *
 * @param base the wait after the first failure (before jitter)
 * @param max the longest wait, asked for or computed
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("a backoff cannot be negative: base " + base + ", max " + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration after(int failures) {
        return after(failures, null);
    }

    /**
     * The wait after the {@code failures}-th failure in a row: {@code asked} when the provider said
     * how long (a negative one counts as none), else the jittered exponential wait; at most
     * {@code max}.
     */
    public Duration after(int failures, Duration asked) {
        Duration wait = asked != null && !asked.isNegative() ? asked : jittered(failures);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private Duration jittered(int failures) {
        long exp = base.toMillis() << Math.min(20, Math.max(0, failures - 1));
        exp = Math.min(exp, max.toMillis());
        return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
    }

    /**
     * Waits {@code wait} on the calling thread (for loops that own their thread: a retry of a
     * provider call on a worker). An interrupt ends the wait and is kept on the thread.
     *
     * @return false when the wait was interrupted
     */
    public static boolean pause(Duration wait) {
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
