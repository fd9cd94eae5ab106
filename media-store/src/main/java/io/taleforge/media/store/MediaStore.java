package io.taleforge.media.store;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/** The media store port: keeps image and video bytes and says where they are served. */
public interface MediaStore {

    /** The name selected by {@code taleforge.<service>.store.name}, also the journal's provider. */
    String name();

    /**
     * Stores the image or clip of {@code target}; storing it again (a retried upload, a redelivery) is
     * harmless: the local store is content-addressed, Cloudinary overwrites the same public id.
     *
     * @throws StoreRejectedException the store refused the upload or the credentials: not retried
     * @throws IOException a failure that may pass (5xx, rate limit, connection): retried
     */
    StoredMedia put(Target target, byte[] bytes, String contentType) throws IOException;

    /** The bytes under {@code key}, for stores this service serves itself; empty when unknown. */
    Optional<Media> get(String key) throws IOException;

    /** The picture or clip an upload belongs to: its story, scene and attempt. */
    record Target(UUID storyId, int sceneNumber, int attempt) {
    }

    record StoredMedia(String key, String url, long size) {
    }

    record Media(String key, String contentType, byte[] bytes) {
    }
}
