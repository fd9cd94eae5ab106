package io.taleforge.film.provider;

import java.io.IOException;
import java.util.function.Supplier;

import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.download.DownloadRefusedException;
import io.taleforge.commons.download.DownloadStatusException;
import io.taleforge.commons.download.GuardedDownloader;

/**
 * Downloads a finished clip through the download guard, the one way for every real provider: a
 * link that answers 404 has expired, so the provider is asked once for a fresh link and that one
 * is tried; a second 404 fails the clip with the reason. A refused URL (host not allowed, too
 * large) fails at once; a broken or slow download is transient (the next poll tries again).
 */
public final class VideoFetcher {

    private final GuardedDownloader downloader;

    public VideoFetcher(GuardedDownloader downloader) {
        this.downloader = downloader;
    }

    /**
     * @param url the link the task answered
     * @param freshUrl asks the provider again for the link (one call)
     */
    public ClipVideo fetch(String url, Supplier<String> freshUrl) throws InterruptedException {
        try {
            return download(url);
        } catch (DownloadStatusException e) {
            if (e.status() != 404) {
                throw new TransientProviderException("video download failed: " + e.getMessage(), e);
            }
        }
        String fresh = freshUrl.get();
        try {
            return download(fresh);
        } catch (DownloadStatusException e) {
            if (e.status() == 404) {
                throw new RequestRejectedException("download_expired",
                        "the video link expired (HTTP 404) and the fresh link the provider gave also answered 404");
            }
            throw new TransientProviderException("video download failed: " + e.getMessage(), e);
        }
    }

    private ClipVideo download(String url) throws DownloadStatusException, InterruptedException {
        if (url == null || url.isBlank()) {
            throw new TransientProviderException("the provider gave no video link");
        }
        try {
            GuardedDownloader.Downloaded d = downloader.download(url);
            if (d.bytes().length == 0) {
                throw new TransientProviderException("the video download was empty");
            }
            return new ClipVideo(d.bytes(), "video/mp4");
        } catch (DownloadStatusException e) {
            throw e;
        } catch (DownloadRefusedException e) {
            throw new RequestRejectedException("download_refused", e.getMessage());
        } catch (IOException e) {
            throw new TransientProviderException("video download failed: " + e.getMessage(), e);
        }
    }

    public void close() {
        downloader.close();
    }
}
