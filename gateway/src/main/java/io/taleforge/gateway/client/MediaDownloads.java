package io.taleforge.gateway.client;

import java.io.IOException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.runtime.LaunchMode;
import io.taleforge.commons.download.DownloadRefusedException;
import io.taleforge.commons.download.DownloadStatusException;
import io.taleforge.commons.download.GuardedDownloader;
import io.taleforge.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;

/**
 * The stored files the media store's API does not serve (pictures and film files kept on
 * Cloudinary), fetched under the one download guard ({@code taleforge.gateway.download.*}): https
 * only, allow-listed hosts, public addresses, no redirects, a size cap and a time limit.
 */
@ApplicationScoped
public class MediaDownloads {

    private final GuardedDownloader downloader;

    @Inject
    public MediaDownloads(GatewayConfig config, Vertx vertx) {
        this(vertx, settings(config.download(), LaunchMode.current() == LaunchMode.NORMAL));
    }

    /** A downloader with explicit settings (the tests' WireMock on 127.0.0.1). */
    public MediaDownloads(Vertx vertx, GuardedDownloader.Settings settings) {
        this.downloader = new GuardedDownloader(vertx, settings);
    }

    /**
     * The bytes at {@code url}. A lost connection, a timeout or a 5xx is tried twice more; a
     * refusal of the guard or a 4xx (a 404 is a deleted picture) is final.
     */
    @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = IOException.class,
            abortOn = { DownloadRefusedException.class, ClientStatus.class })
    public MediaFile download(String url) throws IOException, InterruptedException {
        try {
            GuardedDownloader.Downloaded got = downloader.download(url);
            return new MediaFile(got.bytes(), got.contentType(), null, null);
        } catch (DownloadStatusException e) {
            throw e.status() < 500 ? new ClientStatus(e.status()) : e;
        }
    }

    /** A 4xx answer: not worth asking again. */
    public static class ClientStatus extends DownloadStatusException {
        ClientStatus(int status) {
            super(status);
        }
    }

    static GuardedDownloader.Settings settings(GatewayConfig.Download d, boolean production) {
        if (production && (d.testOnlyAllowLoopback() || d.testOnlyTrustAllCertificates())) {
            throw new IllegalStateException("taleforge.gateway.download.test-only-allow-loopback and"
                    + " test-only-trust-all-certificates are for tests only and refused in production");
        }
        return new GuardedDownloader.Settings(d.hosts(), d.maxBytes(), d.timeout(), d.testOnlyAllowLoopback(),
                d.testOnlyTrustAllCertificates());
    }

    @PreDestroy
    void close() {
        downloader.close();
    }
}
