package io.taleforge.film.picture;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.provider.Picture;
import io.taleforge.film.provider.RequestRejectedException;
import io.taleforge.film.provider.TransientProviderException;
import io.taleforge.film.store.ClipStore;
import io.taleforge.media.download.DownloadRefusedException;
import io.taleforge.media.download.GuardedDownloader;
import io.vertx.core.Vertx;

/**
 * Reads an approved picture: {@code /media/<key>} from image-service (the local store), an https
 * URL (Cloudinary) through the download guard. The picture goes to a provider as its public URL
 * when our store is Cloudinary, else inline (the provider cannot reach our disk).
 */
@ApplicationScoped
public class PictureSource {

    private static final Pattern LOCAL = Pattern.compile("/media/([a-f0-9]{64}\\.(png|jpg|webp))");

    private final ImageMediaClient images;
    private final GuardedDownloader downloader;
    private final boolean publicPictures;

    public PictureSource(@RestClient ImageMediaClient images, FilmConfig config, ClipStore store, Vertx vertx) {
        this.images = images;
        FilmConfig.Download d = config.download();
        this.downloader = new GuardedDownloader(vertx, new GuardedDownloader.Settings(config.pictures().hosts(),
                d.maxBytes(), d.timeout(), d.testOnlyAllowLoopback(), d.testOnlyTrustAllCertificates()));
        this.publicPictures = store.picturesArePublic();
    }

    /** The picture at {@code url}, ready for a provider. A picture that cannot be read fails the clip; a broken read is retried. */
    @Retry(maxRetries = 2, delay = 500, retryOn = TransientProviderException.class)
    public Picture read(String url) throws InterruptedException {
        var local = LOCAL.matcher(url == null ? "" : url);
        if (local.matches()) {
            return new Picture(null, fromImageService(local.group(1)), contentType(local.group(2)));
        }
        try {
            GuardedDownloader.Downloaded d = downloader.download(url);
            String type = d.contentType() == null ? "image/png" : d.contentType().split(";")[0].trim();
            return new Picture(publicPictures ? url : null, d.bytes(), type);
        } catch (DownloadRefusedException e) {
            throw new RequestRejectedException("picture_unreadable", "the approved picture cannot be read: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new TransientProviderException("the approved picture could not be downloaded: " + e.getMessage(), e);
        }
    }

    private byte[] fromImageService(String key) {
        try (Response response = images.get(key)) {
            if (response.getStatus() == 404) {
                throw new RequestRejectedException("picture_missing", "image-service has no picture " + key);
            }
            if (response.getStatus() != 200) {
                throw new TransientProviderException("image-service answered " + response.getStatus() + " for " + key);
            }
            return response.readEntity(byte[].class);
        } catch (RequestRejectedException | TransientProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransientProviderException("image-service cannot be reached: " + e.getMessage(), e);
        }
    }

    private static String contentType(String extension) {
        return switch (extension) {
            case "jpg" -> "image/jpeg";
            case "webp" -> "image/webp";
            default -> "image/png";
        };
    }

    @PreDestroy
    void close() {
        downloader.close();
    }
}
