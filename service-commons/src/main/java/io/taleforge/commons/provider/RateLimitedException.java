package io.taleforge.commons.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider account is busy: too many requests (HTTP 429, MiniMax 1002) or too many tasks at
 * once (Kling 1303). Never a reason to fail a clip: the caller waits (Retry-After when given,
 * else its backoff) and asks again.
 */
public class RateLimitedException extends ProviderException {

    private final Duration retryAfter;
    private final String code;

    public RateLimitedException(String message, Duration retryAfter) {
        this("rate_limited", message, retryAfter);
    }

    public RateLimitedException(String code, String message, Duration retryAfter) {
        super(message, null);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String code() {
        return code;
    }
}
