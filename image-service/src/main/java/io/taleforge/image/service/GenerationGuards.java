package io.taleforge.image.service;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.taleforge.commons.http.Backoff;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.provider.GeneratedImage;
import io.taleforge.image.provider.ImageProvider;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.media.store.MediaStore;
import io.taleforge.media.store.StoreRateLimitedException;
import io.taleforge.media.store.StoreRejectedException;

/** The fault-tolerance guards of {@link GenerationService}: one around each provider call, one around each upload. */
final class GenerationGuards {

    private GenerationGuards() {
    }

    static TypedGuard<GeneratedImage> provider(ImageProvider provider, ImageConfig config) {
        ImageConfig.Provider settings = config.provider();
        return TypedGuard.create(GeneratedImage.class)
                .withDescription("image provider " + provider.name())
                // Absorbs a provider that hangs: the call is interrupted and counts as transient.
                .withTimeout().duration(settings.timeout().toMillis(), ChronoUnit.MILLIS).done()
                // Absorbs a provider that is down: stop calling it for a while, fail fast meanwhile.
                .withCircuitBreaker().name("image-provider")
                .failOn(List.of(TransientProviderException.class, TimeoutException.class))
                .requestVolumeThreshold(settings.breakerVolume())
                .failureRatio(settings.breakerFailureRatio())
                .delay(settings.breakerDelay().toMillis(), ChronoUnit.MILLIS).done()
                // Absorbs a burst beyond the configured concurrency: never more calls in flight.
                .withBulkhead().limit(Math.max(1, config.concurrency())).done()
                .build();
    }

    /** Waits the {@code Retry-After} of a rate-limited upload (at most {@code backoff}'s cap) before its retry. */
    static void honourRetryAfter(Throwable error, Backoff backoff) {
        if (error instanceof StoreRateLimitedException limited && limited.retryAfter().isPresent()) {
            Duration wait = backoff.after(1, limited.retryAfter().get());
            Log.infof("media store rate limited, retrying in %d ms as it asked", wait.toMillis());
            Backoff.pause(wait);
        }
    }

    static TypedGuard<MediaStore.StoredMedia> store(MediaStore store, ImageConfig config) {
        ImageConfig.Provider backoff = config.provider();
        return TypedGuard.create(MediaStore.StoredMedia.class)
                .withDescription("media store " + store.name())
                // Absorbs a store that hangs.
                .withTimeout().duration(config.store().timeout().toMillis(), ChronoUnit.MILLIS).done()
                // Absorbs a short store outage: a few retries, exponential backoff with jitter; a rate
                // limited upload is retried no sooner than the store's Retry-After (at most one store timeout).
                .withRetry().maxRetries(config.store().maxRetries())
                .abortOn(StoreRejectedException.class)
                .beforeRetry(error -> honourRetryAfter(error, new Backoff(backoff.backoffBase(), config.store().timeout())))
                .delay(backoff.backoffBase().toMillis(), ChronoUnit.MILLIS)
                .jitter(backoff.backoffBase().toMillis() / 2, ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2)
                .maxDelay(backoff.backoffMax().toMillis(), ChronoUnit.MILLIS).done().done()
                // Absorbs a store that is down: fail fast for a while.
                .withCircuitBreaker().name("media-store").requestVolumeThreshold(10).failureRatio(0.5)
                .delay(30, ChronoUnit.SECONDS).done()
                .build();
    }
}
