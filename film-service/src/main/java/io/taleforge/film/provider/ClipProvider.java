package io.taleforge.film.provider;

import io.taleforge.commons.provider.ProviderException;

/**
 * The clip provider port: an image-to-video task is created, polled until it ends, and its
 * video fetched at once (provider links expire). Every method is one provider call (or, for
 * {@link #fetch}, a download and at most one re-query for a fresh link); none of them waits
 * between polls: the caller schedules the next poll. Failures are {@link ProviderException}s
 * typed by what the caller should do.
 */
public interface ClipProvider {

    /** The name selected by {@code taleforge.film.provider.name}, also the journal's provider. */
    String name();

    /** The model asked for, as the journal records it. */
    String model();

    /** Starts the task and returns its id (stored before the first poll). */
    String create(ClipRequest request) throws InterruptedException;

    /** Asks how the task stands. A task that failed at the provider is {@link ClipTask.Phase#FAILED}, not an exception. */
    ClipTask poll(String taskId) throws InterruptedException;

    /**
     * Downloads the video of a task that {@link ClipTask.Phase#SUCCEEDED}; an expired link (404)
     * is re-queried once for a fresh one, then the clip fails with the reason.
     */
    ClipVideo fetch(ClipTask done) throws InterruptedException;
}
