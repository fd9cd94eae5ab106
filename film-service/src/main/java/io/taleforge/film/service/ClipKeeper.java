package io.taleforge.film.service;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.provider.ClipVideo;
import io.taleforge.film.service.FilmJobs.Work;
import io.taleforge.film.store.ClipStore;
import io.taleforge.media.store.MediaStore;
import io.taleforge.media.store.StoreRejectedException;

/**
 * Copies a finished clip to our media store (one journal row) and measures its length with
 * ffprobe. Storing the same clip again is harmless (the store is content-addressed or overwrites
 * the same public id), so a crash between the copy and the READY commit costs nothing.
 */
@ApplicationScoped
public class ClipKeeper {

    /** Where the clip is served and how long it is (null when ffprobe could not tell). */
    public record Stored(String url, Long durationMs) {
    }

    /** The store refused the clip ({@code transientFailure} false) or failed in a way that may pass. */
    public static class StoreFailed extends RuntimeException {
        private final boolean transientFailure;

        public StoreFailed(String message, boolean transientFailure, Throwable cause) {
            super(message, cause);
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }

    private final ClipStore store;
    private final VideoProbe probe;
    private final Journal journal;

    public ClipKeeper(ClipStore store, VideoProbe probe, Journal journal) {
        this.store = store;
        this.probe = probe;
        this.journal = journal;
    }

    public Stored put(Work work, ClipVideo video) {
        Journal.Subject subject = new Journal.Subject("clip.store", work.storyId(), work.sceneNumber(), work.attempt(),
                store.selected().name(), null);
        try (JournalCall call = JournalCall.open(journal, subject, "store", video.bytes().length + " bytes")) {
            try {
                MediaStore.StoredMedia stored = store.put(work.storyId(), work.sceneNumber(), work.attempt(),
                        video.bytes());
                call.success("stored", stored.url());
                return new Stored(stored.url(), durationMs(video));
            } catch (StoreRejectedException e) {
                call.failed("store", e);
                throw new StoreFailed("the media store refused the clip: " + e.getMessage(), false, e);
            } catch (IOException e) {
                call.failed("store", e);
                throw new StoreFailed("the media store failed: " + e.getMessage(), true, e);
            }
        }
    }

    private Long durationMs(ClipVideo video) {
        try {
            return Math.round(probe.probe(video.bytes()).durationSeconds() * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            Log.warnf("clip length unknown, ffprobe failed: %s", e.getMessage());
            return null;
        }
    }
}
