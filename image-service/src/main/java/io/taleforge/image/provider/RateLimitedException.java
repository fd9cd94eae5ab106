package io.taleforge.image.provider;

import java.time.Duration;
import java.util.Optional;

/** A 429: the provider account is over its quota; every instance pauses it for Retry-After. */
public class RateLimitedException extends ProviderException {

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String code() {
        return "rate_limited";
    }
}
