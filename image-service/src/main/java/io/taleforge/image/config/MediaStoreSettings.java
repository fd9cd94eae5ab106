package io.taleforge.image.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.taleforge.media.store.MediaStoreConfig;

/** Hands the shared media store module its settings from {@code taleforge.image.store.*} and {@code taleforge.image.cloudinary.*}. */
@ApplicationScoped
public class MediaStoreSettings {

    @Produces
    @Singleton
    MediaStoreConfig mediaStoreConfig(ImageConfig config) {
        return new MediaStoreConfig(config.store(), config.cloudinary());
    }
}
