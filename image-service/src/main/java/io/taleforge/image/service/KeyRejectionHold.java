package io.taleforge.image.service;

import java.time.Duration;

import io.quarkus.logging.Log;
import io.taleforge.commons.journal.Journal;
import io.taleforge.image.model.ImageJob;
import io.taleforge.image.provider.ImageProvider;
import io.taleforge.image.provider.ImageRequest;
import io.taleforge.commons.provider.KeyRejectedException;

/**
 * After the provider rejected the key, every job of this instance fails fast with
 * {@code key_rejected} (and a SKIPPED journal row) for {@code key-rejected-hold}, without calling
 * the provider; the first call after the hold is the trial.
 */
final class KeyRejectionHold {

    private record Rejection(long untilNanos, String reason) {
    }

    private final Journal journal;
    private final ImageProvider provider;
    private final Duration hold;
    private volatile Rejection rejection;

    KeyRejectionHold(Journal journal, ImageProvider provider, Duration hold) {
        this.journal = journal;
        this.provider = provider;
        this.hold = hold;
    }

    boolean activeNow() {
        Rejection r = rejection;
        return r != null && r.untilNanos() - System.nanoTime() > 0;
    }

    /** The provider rejected the key: hold it (when a hold is configured). */
    void rejected(ImageJob job, KeyRejectedException e) {
        if (hold.toMillis() > 0) {
            rejection = new Rejection(System.nanoTime() + hold.toNanos(), e.getMessage());
        }
        Log.warnf("provider key rejected story=%s scene=%d attempt=%d provider=%s: every job fails fast for %d ms",
                job.storyId, job.sceneNumber, job.attempt, provider.name(), hold.toMillis());
    }

    /** While the key is known bad: a SKIPPED journal row and FAILED key_rejected; null when the call may go. */
    GenerationService.Failed failFast(ImageJob job, ImageRequest request, String variant, int calls) {
        Rejection r = rejection;
        if (r == null) {
            return null;
        }
        long left = r.untilNanos() - System.nanoTime();
        if (left <= 0) {
            rejection = null; // the hold is over: this call is the trial
            return null;
        }
        String reason = "provider key rejected: " + r.reason() + " (the provider is not called for another "
                + Duration.ofNanos(left).toMillis() + " ms)";
        journal.skipped(new Journal.Subject(GenerationService.OP_GENERATE, job.storyId, job.sceneNumber, job.attempt,
                provider.name(), provider.model()), "generate:" + variant + ":key-rejected",
                "variant=" + variant + " size=" + request.size() + " prompt=" + request.prompt(), reason);
        return new GenerationService.Failed("key_rejected", reason, provider.name(), provider.model(), calls);
    }
}
