package io.taleforge.film.store;

import java.io.IOException;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.download.DownloadRefusedException;
import io.taleforge.commons.download.DownloadStatusException;
import io.taleforge.commons.download.GuardedDownloader;
import io.taleforge.commons.http.Backoff;
import io.taleforge.film.provider.VideoDownloads;

/**
 * Reads back what film-service stored (clips, narrations) to assemble the film: a local-store
 * URL ({@code …/media/<key>}) from the store itself, a Cloudinary (https) URL through the download
 * guard ({@code taleforge.film.download.*}: https, allowed hosts, size cap, one timeout for the
 * whole body), a passing failure (5xx, a broken or slow body) tried {@link #ATTEMPTS} times with
 * commons {@link Backoff}; a refused URL or a 4xx fails at once.
 */
@ApplicationScoped
public class MediaReader {

    static final int ATTEMPTS = 3;
    private static final String MEDIA = "/media/";
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));

    private final ClipStore store;
    private final GuardedDownloader downloader;

    public MediaReader(ClipStore store, VideoDownloads downloads) {
        this.store = store;
        this.downloader = downloads.downloader();
    }

    /** The bytes stored under {@code url}; an IOException says why they cannot be had. */
    public byte[] read(String url) throws IOException, InterruptedException {
        if (url == null) {
            throw new IOException("no stored media to read");
        }
        if (url.startsWith("https://")) {
            return download(url);
        }
        int media = url.indexOf(MEDIA);
        if (media < 0) {
            throw new IOException("not a media URL film-service can read: " + url);
        }
        String key = url.substring(media + MEDIA.length());
        return store.selected().get(key).orElseThrow(() -> new IOException("the media store has no " + key)).bytes();
    }

    private byte[] download(String url) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return downloader.download(url).bytes();
            } catch (DownloadRefusedException e) {
                throw e;
            } catch (IOException e) {
                boolean passing = !(e instanceof DownloadStatusException status) || status.status() >= 500;
                if (!passing || attempt >= ATTEMPTS) {
                    throw e;
                }
                Duration wait = BACKOFF.after(attempt);
                Log.warnf("stored media read failed, trying again attempt=%d wait=%s: %s", attempt, wait, e.getMessage());
                if (!Backoff.pause(wait)) {
                    throw new InterruptedException("interrupted while waiting to read " + url);
                }
            }
        }
    }

    @PreDestroy
    void close() {
        downloader.close();
    }
}
