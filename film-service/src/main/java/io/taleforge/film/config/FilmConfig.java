package io.taleforge.film.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of film-service, under {@code taleforge.film}. */
@ConfigMapping(prefix = "taleforge.film")
public interface FilmConfig {

    /** Scenes in every story, so clips in every film. */
    @WithDefault("20")
    int scenesPerFilm();

    Provider provider();

    interface Provider {

        /** The clip provider: {@code local} (FFmpeg pan-and-zoom), {@code kling} or {@code minimax}. */
        @WithDefault("local")
        String name();
    }
}
