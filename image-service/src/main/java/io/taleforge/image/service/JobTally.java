package io.taleforge.image.service;

import io.taleforge.commons.provider.ContentPolicyException;

/**
 * One job's provider calls so far in {@link GenerationService}: how many, whether the caller's
 * permit is still unused, the last content refusal, and its current run of 429s.
 */
final class JobTally {

    final GenerationService.ResultRecorder recorder;
    final RateLimitWaits.Run rateLimited = new RateLimitWaits.Run();
    int calls;
    boolean permitHeld = true;
    ContentPolicyException refusal;

    JobTally(GenerationService.ResultRecorder recorder) {
        this.recorder = recorder;
    }
}
