package io.taleforge.film.provider;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.commons.download.GuardedDownloader;
import io.vertx.core.Vertx;

/** Makes the {@link VideoFetcher} of each real provider, guarded by {@code taleforge.film.download.*}. */
@ApplicationScoped
public class VideoDownloads {

    private final Vertx vertx;
    private final FilmConfig.Download config;

    public VideoDownloads(Vertx vertx, FilmConfig config) {
        this.vertx = vertx;
        this.config = config.download();
    }

    public VideoFetcher fetcher() {
        return new VideoFetcher(new GuardedDownloader(vertx, new GuardedDownloader.Settings(config.hosts(),
                config.maxBytes(), config.timeout(), config.testOnlyAllowLoopback(),
                config.testOnlyTrustAllCertificates())));
    }
}
