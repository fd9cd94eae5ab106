package io.taleforge.image.store;

import java.io.IOException;
import java.util.Optional;

/** The media store port: keeps image bytes and says where they are served. */
public interface MediaStore {

    /** The name selected by {@code taleforge.image.store.name}, also the journal's provider. */
    String name();

    /** Stores {@code bytes}; storing the same bytes twice is harmless (content-addressed). */
    StoredMedia put(byte[] bytes, String contentType) throws IOException;

    /** The bytes under {@code key}, for stores this service serves itself; empty when unknown. */
    Optional<Media> get(String key) throws IOException;

    record StoredMedia(String key, String url, long size) {
    }

    record Media(String key, String contentType, byte[] bytes) {
    }
}
