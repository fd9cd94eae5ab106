package io.taleforge.film.voice;

import io.taleforge.commons.provider.ProviderException;

/**
 * The voice port: one scene's text read aloud. Failures are {@link ProviderException}s typed by
 * what the caller should do, as for the clip providers.
 */
public interface VoiceProvider {

    /** The name selected by {@code taleforge.film.voice.name}, also the journal's provider. */
    String name();

    /** The model (or engine and voice) as the journal records it. */
    String model();

    /** Reads the request's text aloud (one journal row per call it makes); its duration is measured. */
    Narration speak(SpeechRequest request) throws InterruptedException;
}
