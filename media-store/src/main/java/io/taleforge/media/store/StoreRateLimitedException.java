package io.taleforge.media.store;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The store is rate limiting us (Cloudinary 420/429): retry, but not before the wait it asked for. */
public class StoreRateLimitedException extends IOException {

    private final Duration retryAfter;

    public StoreRateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The store's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
