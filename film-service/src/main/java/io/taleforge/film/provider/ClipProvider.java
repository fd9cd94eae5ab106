package io.taleforge.film.provider;

import java.math.BigDecimal;
import java.util.Optional;

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

    /** The length of the clip asked for, in seconds: what the rate table's price per second estimates. */
    BigDecimal seconds();

    /** Starts the task and returns its id (stored before the first poll). */
    String create(ClipRequest request) throws InterruptedException;

    /**
     * The task an earlier create of this very request started, when the provider can be asked by
     * our external id ({@link ClipRequest#externalId()}); empty when there is none or the provider
     * cannot tell. Asked before a create that may repeat one whose answer was lost (a kill before
     * the task id was stored, a create that timed out), so such a create finds its task instead
     * of starting a second one.
     */
    default Optional<String> existing(ClipRequest request) throws InterruptedException {
        return Optional.empty();
    }

    /** Asks how the task stands. A task that failed at the provider is {@link ClipTask.Phase#FAILED}, not an exception. */
    ClipTask poll(String taskId) throws InterruptedException;

    /**
     * Downloads the video of a task that {@link ClipTask.Phase#SUCCEEDED}; an expired link (404)
     * is re-queried once for a fresh one, then the clip fails with the reason.
     */
    ClipVideo fetch(ClipTask done) throws InterruptedException;
}
