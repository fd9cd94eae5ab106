package io.taleforge.film.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.taleforge.media.store.MediaStoreConfig;

/** Hands the shared media store module its settings from {@code taleforge.film.store.*} and {@code taleforge.film.cloudinary.*}. */
@ApplicationScoped
public class MediaStoreSettings {

    @Produces
    @Singleton
    MediaStoreConfig mediaStoreConfig(FilmConfig config) {
        return new MediaStoreConfig(config.store(), config.cloudinary());
    }
}
