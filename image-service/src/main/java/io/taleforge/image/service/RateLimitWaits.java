package io.taleforge.image.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.quarkus.logging.Log;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.model.ImageJob;

/**
 * What a 429 does to an image: it never fails it by itself. The provider account is paused for
 * every instance (in Redis): for the Retry-After the answer asked for, else for a pause that grows
 * while 429s repeat; the image then waits for its next permit. Only when the 429s of one image
 * have lasted longer than {@code limiter.outage-limit} does it fail {@code rate_limited}, with that
 * reason. A successful call forgets the repeated 429s of the account.
 */
final class RateLimitWaits {

    private final RedisRateLimiter limiter;
    private final String account;
    private final Duration outageLimit;

    RateLimitWaits(RedisRateLimiter limiter, String account, Duration outageLimit) {
        this.limiter = limiter;
        this.account = account;
        this.outageLimit = outageLimit;
    }

    /** The 429s of one image in a row: when the first came. */
    static final class Run {
        private Instant since;

        /** Any answer other than a 429 ends the run. */
        void ended() {
            since = null;
        }
    }

    /**
     * Pauses the account after {@code rl} and returns empty (the image waits for its next permit),
     * or the reason it fails when the run of 429s has lasted longer than the outage limit.
     */
    Optional<String> after(ImageJob job, RateLimitedException rl, Run run) {
        Instant now = Instant.now();
        if (run.since == null) {
            run.since = now;
        }
        Duration outage = Duration.between(run.since, now);
        if (outage.compareTo(outageLimit) > 0) {
            return Optional.of("rate limited for " + outage.toSeconds() + " s, longer than the outage limit of "
                    + outageLimit.toSeconds() + " s: " + rl.getMessage());
        }
        Duration pause = rl.retryAfter().map(wait -> {
            limiter.pause(account, wait);
            return wait;
        }).orElseGet(() -> limiter.pauseUnhinted(account));
        Log.infof("rate limited story=%s scene=%d attempt=%d account=%s paused_ms=%d waiting_s=%d", job.storyId,
                job.sceneNumber, job.attempt, account, pause.toMillis(), outage.toSeconds());
        return Optional.empty();
    }

    /** A call went through: the next 429 without a wait hint starts again from the first pause. */
    void succeeded() {
        try {
            limiter.recovered(account);
        } catch (RuntimeException e) {
            Log.warnf("rate limiter: could not reset the 429 count of account=%s: %s", account, e.getMessage());
        }
    }
}
