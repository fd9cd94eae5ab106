package io.taleforge.image.service;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.taleforge.commons.http.Backoff;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.text.PromptSanitizer;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.model.ImageJob;
import io.taleforge.image.provider.ContentPolicyException;
import io.taleforge.image.provider.GeneratedImage;
import io.taleforge.image.provider.ImageProvider;
import io.taleforge.image.provider.ImageProviders;
import io.taleforge.image.provider.ImageRequest;
import io.taleforge.image.provider.KeyRejectedException;
import io.taleforge.image.provider.RateLimitedException;
import io.taleforge.image.provider.RequestRejectedException;
import io.taleforge.image.provider.TransientProviderException;
import io.taleforge.image.store.MediaStores;
import io.taleforge.media.store.MediaStore;
import io.taleforge.media.store.StoreRejectedException;

/**
 * One image from prompt to stored bytes, under fault tolerance, with a journal row per provider
 * call and per upload attempt (success, failure or refusal alike).
 *
 * <ul>
 * <li>Timeout, circuit breaker and bulkhead wrap each provider call (a SmallRye {@link TypedGuard}).
 * <li>Retries are explicit here rather than in the guard, because each retry must take a new
 * permit from the global rate limiter and a 429 must pause every instance until its Retry-After:
 * exponential backoff with full jitter on transient failures, timeouts, an open breaker.
 * <li>A content-policy refusal is not transient: once with the sanitized prompt, once with the
 * shortened one, then FAILED with {@code content_policy}.
 * <li>A rejected key fails the job at once and holds the provider for {@code key-rejected-hold}:
 * meanwhile every job fails fast with {@code key_rejected} (and a SKIPPED journal row) without
 * calling the provider; the first call after the hold is the trial. A request the provider
 * refuses as such (400, a refused download) fails at once too.
 * <li>The store is wrapped in its own guard: timeout, retry with exponential backoff and jitter,
 * circuit breaker; a store that refuses the upload ({@link StoreRejectedException}) is not retried.
 * </ul>
 */
@ApplicationScoped
public class GenerationService {

    public static final String OP_GENERATE = "image-generation";
    public static final String OP_UPLOAD = "image-upload";

    private final ImageProvider provider;
    private final MediaStore store;
    private final RedisRateLimiter limiter;
    private final Journal journal;
    private final ImageJobService jobs;
    private final ImageConfig.Provider config;
    private final String account;
    private final TypedGuard<GeneratedImage> providerGuard;
    private final TypedGuard<MediaStore.StoredMedia> storeGuard;
    /** Set when the provider rejected the key: until when every job fails fast, and why. */
    private volatile KeyRejection keyRejected;
    private final ExecutorService bookkeeping = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "image-bookkeeping");
        t.setDaemon(true);
        return t;
    });

    public GenerationService(ImageProviders providers, MediaStores stores, RedisRateLimiter limiter, Journal journal,
            ImageJobService jobs, ImageConfig config) {
        this.provider = providers.selected();
        this.store = stores.selected();
        this.limiter = limiter;
        this.journal = journal;
        this.jobs = jobs;
        this.config = config.provider();
        this.account = provider.name() + ":" + config.limiter().account();
        this.providerGuard = TypedGuard.create(GeneratedImage.class)
                .withDescription("image provider " + provider.name())
                // Absorbs a provider that hangs: the call is interrupted and counts as transient.
                .withTimeout().duration(this.config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                // Absorbs a provider that is down: stop calling it for a while, fail fast meanwhile.
                .withCircuitBreaker().name("image-provider")
                .failOn(List.of(TransientProviderException.class, TimeoutException.class))
                .requestVolumeThreshold(this.config.breakerVolume())
                .failureRatio(this.config.breakerFailureRatio())
                .delay(this.config.breakerDelay().toMillis(), ChronoUnit.MILLIS).done()
                // Absorbs a burst beyond the configured concurrency: never more calls in flight.
                .withBulkhead().limit(Math.max(1, config.concurrency())).done()
                .build();
        ImageConfig.Store storeConfig = config.store();
        this.storeGuard = TypedGuard.create(MediaStore.StoredMedia.class)
                .withDescription("media store " + store.name())
                // Absorbs a store that hangs.
                .withTimeout().duration(storeConfig.timeout().toMillis(), ChronoUnit.MILLIS).done()
                // Absorbs a short store outage: a few retries, exponential backoff with jitter.
                .withRetry().maxRetries(storeConfig.maxRetries())
                .abortOn(StoreRejectedException.class)
                .delay(this.config.backoffBase().toMillis(), ChronoUnit.MILLIS)
                .jitter(this.config.backoffBase().toMillis() / 2, ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2)
                .maxDelay(this.config.backoffMax().toMillis(), ChronoUnit.MILLIS).done().done()
                // Absorbs a store that is down: fail fast for a while.
                .withCircuitBreaker().name("media-store").requestVolumeThreshold(10).failureRatio(0.5)
                .delay(30, ChronoUnit.SECONDS).done()
                .build();
    }

    /** The rate limiter's account key of the selected provider. */
    public String account() {
        return account;
    }

    public ImageProvider provider() {
        return provider;
    }

    /** Whether the provider's key is known bad right now (jobs fail fast with key_rejected). */
    public boolean keyRejectedNow() {
        KeyRejection rejection = keyRejected;
        return rejection != null && rejection.untilNanos() - System.nanoTime() > 0;
    }

    /** A generated and stored image, or why there is none. */
    public sealed interface Outcome {
    }

    public record Ready(MediaStore.StoredMedia media, String provider, String model, long providerMs,
            int providerCalls) implements Outcome {
    }

    public record Failed(String code, String message, String provider, String model, int providerCalls)
            implements Outcome {
    }

    /**
     * Generates and stores the image of {@code job}. The caller already holds one rate-limit
     * permit (for the first call); every further call takes its own.
     */
    public Outcome generate(ImageJob job, DeferredWrites writes) throws InterruptedException {
        ImageRequest original = new ImageRequest(job.storyId.toString(), job.sceneNumber, job.attempt, job.prompt,
                job.style, job.size);
        String sanitized = PromptSanitizer.sanitize(job.prompt);
        List<Variant> variants = List.of(new Variant("original", job.prompt), new Variant("sanitized", sanitized),
                new Variant("shortened", PromptSanitizer.shorten(job.prompt, config.shortenedWords())));
        boolean permitHeld = true;
        int calls = 0;
        ContentPolicyException refusal = null;
        for (Variant variant : variants) {
            ImageRequest request = original.withPrompt(variant.prompt());
            int failures = 0;
            while (true) {
                Failed held = failFastWhileKeyRejected(job, request, variant.name(), calls);
                if (held != null) {
                    return held;
                }
                if (!permitHeld) {
                    limiter.acquire(account);
                }
                permitHeld = false;
                calls++;
                CallResult result = call(job, request, variant.name(), failures + 1, writes);
                if (result.image() != null) {
                    GeneratedImage image = result.image();
                    return store(job, image, result.durationMs(), calls, writes);
                }
                Throwable error = result.error();
                if (error instanceof ContentPolicyException cp) {
                    refusal = cp;
                    Log.infof("content policy refused story=%s scene=%d attempt=%d variant=%s", job.storyId,
                            job.sceneNumber, job.attempt, variant.name());
                    break;
                }
                if (error instanceof KeyRejectedException kr) {
                    Duration hold = config.keyRejectedHold();
                    if (hold.toMillis() > 0) {
                        keyRejected = new KeyRejection(System.nanoTime() + hold.toNanos(), kr.getMessage());
                    }
                    Log.warnf("provider key rejected story=%s scene=%d attempt=%d provider=%s: every job fails fast"
                            + " for %d ms", job.storyId, job.sceneNumber, job.attempt, provider.name(), hold.toMillis());
                    return new Failed(kr.code(), "provider key rejected: " + kr.getMessage(), provider.name(),
                            provider.model(), calls);
                }
                if (error instanceof RequestRejectedException rr) {
                    return new Failed(rr.code(), rr.getMessage(), provider.name(), provider.model(), calls);
                }
                failures++;
                if (failures > config.maxRetries()) {
                    return new Failed(code(error), "gave up after " + failures + " calls: " + describe(error),
                            provider.name(), provider.model(), calls);
                }
                Duration backoff = backoff(failures);
                if (error instanceof RateLimitedException rl) {
                    Duration pause = rl.retryAfter().orElse(backoff);
                    limiter.pause(account, pause);
                    continue; // the next permit waits for the pause to end, on every instance
                }
                Log.infof("retrying story=%s scene=%d attempt=%d after %s in %d ms", job.storyId, job.sceneNumber,
                        job.attempt, describe(error), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
            }
        }
        return new Failed("content_policy", "refused by the content policy with the original, sanitized and"
                + " shortened prompt: " + (refusal == null ? "" : refusal.getMessage()), provider.name(),
                provider.model(), calls);
    }

    private record Variant(String name, String prompt) {
    }

    private record KeyRejection(long untilNanos, String reason) {
    }

    /** While the key is known bad: a SKIPPED journal row and FAILED key_rejected, no provider call. */
    private Failed failFastWhileKeyRejected(ImageJob job, ImageRequest request, String variant, int calls) {
        KeyRejection rejection = keyRejected;
        if (rejection == null) {
            return null;
        }
        long left = rejection.untilNanos() - System.nanoTime();
        if (left <= 0) {
            keyRejected = null; // the hold is over: this call is the trial
            return null;
        }
        String reason = "provider key rejected: " + rejection.reason() + " (the provider is not called for another "
                + Duration.ofNanos(left).toMillis() + " ms)";
        journal.skipped(new Journal.Subject(OP_GENERATE, job.storyId, job.sceneNumber, job.attempt, provider.name(),
                provider.model()), "generate:" + variant + ":key-rejected",
                "variant=" + variant + " size=" + request.size() + " prompt=" + request.prompt(), reason);
        return new Failed("key_rejected", reason, provider.name(), provider.model(), calls);
    }

    private record CallResult(GeneratedImage image, long durationMs, Throwable error) {
    }

    private CallResult call(ImageJob job, ImageRequest request, String variant, int attemptOfVariant,
            DeferredWrites writes) throws InterruptedException {
        Journal.Subject subject = new Journal.Subject(OP_GENERATE, job.storyId, job.sceneNumber, job.attempt,
                provider.name(), provider.model());
        String step = "generate:" + variant + "#" + attemptOfVariant;
        // the STARTED row is written before the call; its end is written beside the rest of the work
        UUID row = journal.started(subject, step,
                "variant=" + variant + " size=" + request.size() + " prompt=" + request.prompt());
        long start = System.nanoTime();
        try {
            GeneratedImage image = providerGuard.call(() -> provider.generate(request));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String output = "model=" + image.model() + " contentType=" + image.contentType() + " bytes="
                    + image.bytes().length;
            writes.later(() -> journal.success(row, step, output, took));
            return new CallResult(image, took.toMillis(), null);
        } catch (InterruptedException e) {
            journal.failed(row, step, e, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        } catch (Exception e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String failedStep = step + (e instanceof CircuitBreakerOpenException ? ":circuit-open" : "");
            writes.later(() -> journal.failed(row, failedStep, e, took));
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during the provider call");
            }
            return new CallResult(null, 0, e);
        }
    }

    private Outcome store(ImageJob job, GeneratedImage image, long providerMs, int calls, DeferredWrites writes)
            throws InterruptedException {
        Journal.Subject subject = new Journal.Subject(OP_UPLOAD, job.storyId, job.sceneNumber, job.attempt,
                store.name(), null);
        try {
            MediaStore.StoredMedia media = storeGuard.call(() -> {
                UUID row = journal.started(subject, "upload",
                        "contentType=" + image.contentType() + " bytes=" + image.bytes().length);
                long start = System.nanoTime();
                try {
                    MediaStore.StoredMedia stored = store.put(
                            new MediaStore.Target(job.storyId, job.sceneNumber, job.attempt), image.bytes(),
                            image.contentType());
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    writes.later(() -> journal.success(row, "upload", "key=" + stored.key() + " url=" + stored.url(),
                            took));
                    return stored;
                } catch (Exception e) {
                    journal.failed(row, "upload", e, Duration.ofNanos(System.nanoTime() - start));
                    throw e;
                }
            });
            return new Ready(media, provider.name(), image.model(), providerMs, calls);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Failed("store_failed", "the image could not be stored: " + describe(e), provider.name(),
                    image.model(), calls);
        }
    }

    /** A new set of deferred bookkeeping writes for one job. */
    public DeferredWrites newWrites() {
        return new DeferredWrites(bookkeeping);
    }

    /** The commons {@link Backoff} with this service's base and cap. */
    Duration backoff(int failures) {
        return new Backoff(config.backoffBase(), config.backoffMax()).after(failures);
    }

    static String code(Throwable error) {
        if (error instanceof io.taleforge.image.provider.ProviderException pe) {
            return pe.code();
        }
        if (error instanceof TimeoutException) {
            return "timeout";
        }
        if (error instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (error instanceof BulkheadException) {
            return "provider_busy";
        }
        return "provider_error";
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? code(error) : message;
    }

}
