package io.taleforge.image.provider;

import java.io.IOException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.image.config.ImageConfig;
import io.taleforge.commons.download.GuardedDownloader;
import io.vertx.core.Vertx;

/**
 * The one guarded downloader of image-service ({@code taleforge.image.download.*}): a provider's
 * answer that is a link (dall-e-2), and a scene's reference portrait kept in a store this service
 * does not serve itself (Cloudinary).
 */
@ApplicationScoped
public class ImageDownloads {

    private final GuardedDownloader downloader;

    public ImageDownloads(ImageConfig config, Vertx vertx) {
        ImageConfig.Download d = config.download();
        this.downloader = new GuardedDownloader(vertx, new GuardedDownloader.Settings(d.hosts(), d.maxBytes(),
                d.timeout(), d.testOnlyAllowLoopback(), d.testOnlyTrustAllCertificates()));
    }

    /** The bytes at {@code url}, within the guard's hosts, size and time limits. */
    public GuardedDownloader.Downloaded download(String url) throws IOException, InterruptedException {
        return downloader.download(url);
    }

    @PreDestroy
    void close() {
        downloader.close();
    }
}
