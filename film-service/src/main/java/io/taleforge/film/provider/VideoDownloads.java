package io.taleforge.film.provider;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.commons.download.GuardedDownloader;
import io.vertx.core.Vertx;

/** Makes the download guards ({@code taleforge.film.download.*}): each real provider's {@link VideoFetcher}, the store's reader. */
@ApplicationScoped
public class VideoDownloads {

    private final Vertx vertx;
    private final FilmConfig.Download config;

    public VideoDownloads(Vertx vertx, FilmConfig config) {
        this.vertx = vertx;
        this.config = config.download();
    }

    public VideoFetcher fetcher() {
        return new VideoFetcher(downloader());
    }

    /** A download guard of its own (its owner closes it): film-service's hosts, size cap and timeout. */
    public GuardedDownloader downloader() {
        return new GuardedDownloader(vertx, new GuardedDownloader.Settings(config.hosts(), config.maxBytes(),
                config.timeout(), config.testOnlyAllowLoopback(), config.testOnlyTrustAllCertificates()));
    }
}
