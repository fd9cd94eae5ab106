package io.taleforge.media.store.cloudinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.taleforge.commons.redaction.Redactor;
import io.taleforge.media.store.StoreRateLimitedException;
import io.taleforge.media.store.StoreRejectedException;

/** Cloudinary's 420 and 429 keep the Retry-After they came with, so the caller's retry waits for it. */
class CloudinaryRateLimitTest {

    final CloudinaryMediaStore store = new CloudinaryMediaStore(null,
            new CloudinarySettings("demo", "123456789012345", "abcd", null, "taleforge"), new Redactor(),
            Clock.systemUTC());

    @Test
    void a420Or429IsRateLimitedWithItsRetryAfter() {
        String body = "{\"error\":{\"message\":\"Rate Limit Exceeded\"}}";
        StoreRateLimitedException limited = assertInstanceOf(StoreRateLimitedException.class,
                store.map(new CloudinaryHttpException(420, body, Duration.ofSeconds(2))));
        assertEquals(Duration.ofSeconds(2), limited.retryAfter().orElseThrow());
        assertTrue(limited.getMessage().contains("cloudinary 420: Rate Limit Exceeded (rate limited)"),
                limited.getMessage());
        StoreRateLimitedException bare = assertInstanceOf(StoreRateLimitedException.class,
                store.map(new CloudinaryHttpException(429, body, null)));
        assertFalse(bare.retryAfter().isPresent());
        assertInstanceOf(StoreRejectedException.class, store.map(new CloudinaryHttpException(401, body, null)));
    }
}
