package io.taleforge.image.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.taleforge.commons.cost.UnpricedException;
import io.taleforge.commons.http.Backoff;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.text.PromptSanitizer;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.model.ImageJob;
import io.taleforge.commons.provider.ContentPolicyException;
import io.taleforge.image.provider.GeneratedImage;
import io.taleforge.image.provider.ImageProvider;
import io.taleforge.image.provider.ImageProviders;
import io.taleforge.image.provider.ImageRequest;
import io.taleforge.image.service.JobTally.CallResult;
import io.taleforge.image.service.JobTally.ResultRecorder;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.image.store.MediaStores;
import io.taleforge.media.store.MediaStore;
import io.taleforge.media.store.StoreRejectedException;

/**
 * One image from prompt to stored bytes, under fault tolerance, with a journal row per provider
 * call and per upload attempt (success, failure or refusal alike): each call sits inside a
 * try-with-resources {@link JournalCall}, so no row is left STARTED by this process.
 *
 * <p>A provider call's row says SUCCESS only once its result is durable: the row stays open while
 * the bytes are stored, then closes in the same transaction that records the stored key and URL on
 * the job ({@link ResultRecorder}, conditional on the lease). A process killed before that commit
 * leaves the row STARTED, and the instance taking the job over closes it as interrupted; after it,
 * the result, its SUCCESS row (and, as the dispatcher records it, the READY job) are all there.
 *
 * <ul>
 * <li>Timeout, circuit breaker and bulkhead wrap each provider call (a SmallRye {@link TypedGuard}).
 * <li>Retries are explicit here rather than in the guard, because each retry must take a new
 * permit from the global rate limiter: exponential backoff with full jitter on transient failures,
 * timeouts, an open breaker. A 429 is no failure: it pauses every instance and the image waits
 * ({@link RateLimitWaits}), failing only after a long outage.
 * <li>A content-policy refusal is not transient: once with the sanitized prompt, once with the
 * shortened one, then FAILED with {@code content_policy}.
 * <li>A rejected key fails the job at once and holds the provider ({@link KeyRejectionHold}). A request the provider
 * refuses as such (400, a refused download) fails at once too.
 * <li>The upload is {@link ImageUploads}' (its own guard and journal rows).
 * </ul>
 */
@ApplicationScoped
public class GenerationService {

    public static final String OP_GENERATE = "image-generation";
    public static final String OP_UPLOAD = ImageUploads.OP_UPLOAD;

    private final ImageProvider provider;
    private final RedisRateLimiter limiter;
    private final Journal journal;
    private final ImageConfig.Provider config;
    private final String account;
    private final TypedGuard<GeneratedImage> providerGuard;
    private final ImageUploads uploads;
    private final KeyRejectionHold keyHold;
    private final RateLimitWaits rateLimits;
    private final ReferenceImages references;
    private final ImageCosts costs;

    public GenerationService(ImageProviders providers, ImageUploads uploads, RedisRateLimiter limiter, Journal journal,
            ImageConfig config, ReferenceImages references, ImageCosts costs) {
        this.references = references;
        this.costs = costs;
        this.provider = providers.selected();
        this.uploads = uploads;
        this.limiter = limiter;
        this.journal = journal;
        this.config = config.provider();
        this.account = RedisRateLimiter.account(provider.name(), config.limiter().account());
        this.providerGuard = GenerationGuards.provider(provider, config);
        this.keyHold = new KeyRejectionHold(journal, provider, this.config.keyRejectedHold());
        this.rateLimits = new RateLimitWaits(limiter, account, config.limiter().outageLimit());
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
        return keyHold.activeNow();
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

    /** The image was stored, but another instance holds the job now: the result is theirs to make. */
    public record LeaseLost() implements Outcome {
    }

    /**
     * Generates and stores the image of {@code job}. The caller already holds one rate-limit
     * permit (for the first call); every further call takes its own. A {@link Ready} outcome is
     * already recorded on the job by {@code recorder}, in the transaction of its SUCCESS row.
     */
    public Outcome generate(ImageJob job, ResultRecorder recorder) throws InterruptedException {
        ImageRequest original = new ImageRequest(job.storyId.toString(), job.sceneNumber, job.attempt, job.prompt,
                job.style, job.size, references.of(job));
        List<Variant> variants = List.of(new Variant("original", job.prompt),
                new Variant("sanitized", PromptSanitizer.sanitize(job.prompt)),
                new Variant("shortened", PromptSanitizer.shorten(job.prompt, config.shortenedWords())));
        JobTally tally = new JobTally(recorder);
        for (Variant variant : variants) {
            Outcome outcome = tryVariant(job, original.withPrompt(variant.prompt()), variant.name(), tally);
            if (outcome != null) {
                return outcome;
            }
        }
        return new Failed("content_policy", "refused by the content policy with the original, sanitized and"
                + " shortened prompt: " + (tally.refusal == null ? "" : tally.refusal.getMessage()), provider.name(),
                provider.model(), tally.calls);
    }

    private record Variant(String name, String prompt) {
    }

    /** Calls with one prompt variant until an outcome, or null when the content policy refused it. */
    private Outcome tryVariant(ImageJob job, ImageRequest request, String variant, JobTally tally)
            throws InterruptedException {
        for (int failures = 0;;) {
            CallResult result = nextCall(job, request, variant, failures + 1, tally);
            if (result.outcome() != null) {
                return result.outcome();
            }
            Throwable error = result.error();
            if (error instanceof RateLimitedException rl) {
                Optional<String> outage = rateLimits.after(job, rl, tally.rateLimited);
                if (outage.isEmpty()) {
                    continue; // waits for its next permit, without counting as a failure
                }
                return new Failed(rl.code(), outage.get(), provider.name(), provider.model(), tally.calls);
            }
            tally.rateLimited.ended();
            if (error instanceof ContentPolicyException cp) {
                tally.refusal = cp;
                Log.infof("content policy refused story=%s scene=%d attempt=%d variant=%s", job.storyId,
                        job.sceneNumber, job.attempt, variant);
                return null;
            }
            Failed fatal = notRetried(job, error, tally.calls);
            if (fatal != null) {
                return fatal;
            }
            if (++failures > config.maxRetries()) {
                return new Failed(ProviderFailures.code(error), "gave up after " + failures + " calls: "
                        + ProviderFailures.describe(error), provider.name(), provider.model(), tally.calls);
            }
            waitBeforeRetry(job, error, failures);
        }
    }

    /** The next provider call of the job, on a permit (the caller's first, then a new one each), unless the key is held. */
    private CallResult nextCall(ImageJob job, ImageRequest request, String variant, int attemptOfVariant,
            JobTally tally) throws InterruptedException {
        Failed held = keyHold.failFast(job, request, variant, tally.calls);
        if (held != null) {
            return new CallResult(held, null);
        }
        if (!tally.permitHeld) {
            limiter.acquire(account);
        }
        tally.permitHeld = false;
        tally.calls++;
        return call(job, request, variant, attemptOfVariant, tally);
    }

    /** A rejected key or a rejected request fails the job at once; null for a failure worth a retry. */
    private Failed notRetried(ImageJob job, Throwable error, int calls) {
        if (error instanceof KeyRejectedException kr) {
            keyHold.rejected(job, kr);
            return new Failed(kr.code(), "provider key rejected: " + kr.getMessage(), provider.name(),
                    provider.model(), calls);
        }
        if (error instanceof RequestRejectedException rr) {
            return new Failed(rr.code(), rr.getMessage(), provider.name(), provider.model(), calls);
        }
        return null;
    }

    /** Backs off before the next call after a transient failure (a 429 pauses the account instead: {@link RateLimitWaits}). */
    private void waitBeforeRetry(ImageJob job, Throwable error, int failures) throws InterruptedException {
        Duration backoff = new Backoff(config.backoffBase(), config.backoffMax()).after(failures);
        Log.infof("retrying story=%s scene=%d attempt=%d after %s in %d ms", job.storyId, job.sceneNumber,
                job.attempt, ProviderFailures.describe(error), backoff.toMillis());
        Thread.sleep(backoff.toMillis());
    }

    /**
     * One provider call inside its journal row: STARTED before the call, and kept open after an
     * image until it is stored and recorded on the job ({@link #keep}); closed FAILED otherwise.
     */
    private CallResult call(ImageJob job, ImageRequest request, String variant, int attemptOfVariant, JobTally tally)
            throws InterruptedException {
        String step = "generate:" + variant + "#" + attemptOfVariant;
        String input = "variant=" + variant + " size=" + request.size() + (request.reference() == null ? ""
                : " reference=" + job.referenceUrl) + " prompt=" + request.prompt();
        try (JournalCall call = costs.open(generateSubject(job), step, input, request)) {
            GeneratedImage image;
            try {
                image = providerGuard.call(() -> provider.generate(request));
            } catch (InterruptedException e) {
                call.failed(step + ":interrupted", e);
                throw e;
            } catch (Exception e) {
                boolean interrupted = Thread.interrupted(); // cleared while the row is written
                call.failed(step + (e instanceof CircuitBreakerOpenException ? ":circuit-open" : ""), e);
                if (interrupted) {
                    throw new InterruptedException("interrupted during the provider call");
                }
                return new CallResult(null, e);
            }
            rateLimits.succeeded();
            return new CallResult(keep(job, call, step, image, tally), null);
        } catch (UnpricedException e) {
            return new CallResult(null, e); // refused before the call, journaled SKIPPED
        }
    }

    /**
     * Stores the image, then records it on the job and closes the call's row SUCCESS in one
     * transaction: a SUCCESS row always has a durable result behind it, and a result never lacks its
     * row. A failed upload or a lost lease closes it FAILED.
     */
    private Outcome keep(ImageJob job, JournalCall call, String step, GeneratedImage image, JobTally tally)
            throws InterruptedException {
        long providerMs = call.elapsed().toMillis();
        Outcome stored;
        try {
            stored = store(job, image, providerMs, tally.calls);
        } catch (InterruptedException e) {
            call.failed(step + ":interrupted", e);
            throw e;
        }
        if (stored instanceof Failed failed) {
            call.failed(step + ":not-stored", new IllegalStateException(failed.message()));
            return stored;
        }
        Ready ready = (Ready) stored;
        String output = "model=" + image.model() + " contentType=" + image.contentType() + " bytes="
                + image.bytes().length + " key=" + ready.media().key() + " usage=" + image.usage();
        if (!call.successWith(step, output, costs.actual(image), () -> tally.recorder.record(ready))) {
            call.failed(step + ":lease-lost", new IllegalStateException("image stored as " + ready.media().key()
                    + " but another instance holds the job now; not recorded"));
            return new LeaseLost();
        }
        return ready;
    }

    private Outcome store(ImageJob job, GeneratedImage image, long providerMs, int calls) throws InterruptedException {
        try {
            MediaStore.StoredMedia media = uploads.store(job, image);
            return new Ready(media, provider.name(), image.model(), providerMs, calls);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Failed("store_failed", "the image could not be stored: " + ProviderFailures.describe(e),
                    provider.name(), image.model(), calls);
        }
    }

    Journal.Subject generateSubject(ImageJob job) {
        return new Journal.Subject(OP_GENERATE, job.storyId, job.sceneNumber, job.attempt, provider.name(),
                provider.model());
    }
}
