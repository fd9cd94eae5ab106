package io.taleforge.image.service;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.image.model.ImageJob;
import io.taleforge.image.provider.ImageDownloads;
import io.taleforge.image.provider.ImageRequest;
import io.taleforge.image.store.MediaStores;
import io.taleforge.commons.download.GuardedDownloader;
import io.taleforge.media.store.MediaStore;

/**
 * The reference of a scene's picture: the bytes of its story's approved portrait (picture 0), at
 * the image URL that {@code scene-approved} carried. A store this service serves itself (local
 * disk, {@code <base>/media/<key>}) reads it by its key; any other (Cloudinary) is downloaded
 * through the download guard ({@code taleforge.image.download.hosts}). No database call: it runs
 * on the worker thread, which a lost lease interrupts, and an interrupted H2 file channel closes
 * the database. A reference that cannot be read is logged and the picture is drawn from the text
 * sheet alone.
 */
@ApplicationScoped
public class ReferenceImages {

    private static final String MEDIA = "/media/";

    private final MediaStore store;
    private final ImageDownloads downloads;

    public ReferenceImages(MediaStores stores, ImageDownloads downloads) {
        this.store = stores.selected();
        this.downloads = downloads;
    }

    /** The reference of {@code job}; null for the portrait itself, or when it cannot be read. */
    public ImageRequest.Reference of(ImageJob job) {
        String url = job.referenceUrl;
        if (url == null) {
            return null;
        }
        try {
            int media = url.lastIndexOf(MEDIA);
            Optional<MediaStore.Media> served = media < 0 ? Optional.empty()
                    : store.get(url.substring(media + MEDIA.length()));
            if (served.isPresent()) {
                return new ImageRequest.Reference(served.get().bytes(), served.get().contentType());
            }
            GuardedDownloader.Downloaded downloaded = downloads.download(url);
            return new ImageRequest.Reference(downloaded.bytes(), downloaded.contentType());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            Log.warnf("reference unreadable story=%s scene=%d attempt=%d, drawn from the text sheet alone: %s",
                    job.storyId, job.sceneNumber, job.attempt, e.toString());
        }
        return null;
    }
}
