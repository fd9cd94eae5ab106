package io.taleforge.image.service;

import io.taleforge.commons.provider.ContentPolicyException;

/**
 * One job's provider calls so far in {@link GenerationService}: how many, whether the caller's
 * permit is still unused, the last content refusal, and its current run of 429s.
 */
final class JobTally {

    final ResultRecorder recorder;
    final RateLimitWaits.Run rateLimited = new RateLimitWaits.Run();
    int calls;
    boolean permitHeld = true;
    ContentPolicyException refusal;

    JobTally(ResultRecorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Records a stored image on the job if this instance still holds it (false when it does not),
     * inside the transaction that closes the call's journal row SUCCESS.
     */
    @FunctionalInterface
    public interface ResultRecorder {
        boolean record(GenerationService.Ready ready);
    }

    /** The outcome once the provider produced an image, or the error of a call that did not. */
    record CallResult(GenerationService.Outcome outcome, Throwable error) {
    }
}
